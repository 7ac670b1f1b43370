"""The messages of a letter that carries a correspondence: an email and the messages it quotes,
or a reply pasted into a text file (`meta["messages"]`, as `pipeline.parse.email` cuts them)."""
from __future__ import annotations

from ..model import Attachment, Message, ParsedDocument


def quoted_messages(doc: ParsedDocument) -> tuple[list[Message], list[Attachment]]:
    """Messages oldest first (a reply quotes them newest first), with their attachments."""
    found = list(reversed(doc.meta.get("messages") or []))
    if len(found) < 2 and doc.format != "eml":
        return [], []
    messages = [
        Message(
            seq=seq, direction=m["direction"], sent_at=m.get("sent_at"), author=m.get("author"),
            text=doc.text[m["body_start"]:m["body_end"]].strip(), subject=m.get("subject"),
            char_start=m["start"], char_end=m["end"],
        )
        for seq, m in enumerate(found)
    ]
    attachments = [
        Attachment(name=a["name"], message_seq=seq, url=a.get("url"), html_url=a.get("html_url"),
                   size=a.get("size"), content_type=a.get("content_type"))
        for seq, m in enumerate(found)
        for a in m.get("attachments", [])
    ]
    return messages, attachments
