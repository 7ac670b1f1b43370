"""The one exception type a stage raises for a document it cannot handle.

Each failure becomes a row of the `errors` table: `error_type` is a short
machine-readable slug (`empty_file`, `corrupt_pdf`, `encrypted_pdf`, `needs_ocr`,
`unrecognised_format`, ...) and the message is written for a person.
"""


class DocumentError(Exception):
    def __init__(self, error_type: str, message: str, stage: str = "parse"):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.stage = stage

    def __reduce__(self):  # keep all three fields across process-pool pickling
        return (DocumentError, (self.error_type, self.message, self.stage))
