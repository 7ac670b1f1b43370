"""Crawl a Weebly site: follow its own navigation and in-content links on the same host.

Each page's navigation path (the menu labels of its parents) is recorded: from
the site menu for pages in it, and, for a page reached only from another page
(a profile linked from a category page), the path of the linking page plus
that page's own label.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from .wdtk import clean_url

MENU_SELECTORS = ("#wsite-menus", ".wsite-menu-default", "ul.wsite-menu-default", "#navigation ul", "nav ul")


@dataclass
class CrawledPage:
    url: str
    content: bytes
    headers: dict
    nav_path: list[str]  # menu labels of the page's parents, root first
    depth: int


def menu_paths(soup: BeautifulSoup, page_url: str) -> dict[str, tuple[list[str], str]]:
    """URL -> (labels of its parents, its own label) for every page in the site menu."""
    out: dict[str, tuple[list[str], str]] = {}
    menu = None
    for sel in MENU_SELECTORS:
        menu = soup.select_one(sel)
        if menu:
            break
    if menu is None:
        return out

    def walk(ul: Tag, parents: list[str]):
        for li in ul.find_all("li", recursive=False):
            a = li.find("a")
            label = " ".join(a.get_text(" ").split()).rstrip(" >") if a else ""
            if a and a.get("href") and not a["href"].startswith(("#", "javascript:", "mailto:")):
                url = clean_url(urljoin(page_url, a["href"]))
                out.setdefault(url, (parents, label))
            for sub in li.find_all("ul"):
                if sub.find_parent("li") is li:
                    walk(sub, parents + [label] if label else parents)

    walk(menu if menu.name == "ul" else (menu.find("ul") or menu), [])
    return out


def content_links(soup: BeautifulSoup, page_url: str) -> list[str]:
    root = soup.select_one("#wsite-content") or soup.body or soup
    return [clean_url(urljoin(page_url, a["href"])) for a in root.find_all("a", href=True)
            if not a["href"].startswith(("#", "mailto:", "tel:", "javascript:"))]


def is_page(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return not path.rsplit("/", 1)[-1].count(".") or path.endswith((".html", ".htm"))


def crawl(session, start_url: str, max_pages: int = 200, max_depth: int = 5, on_error=None):
    """Yield each page of the site reachable from `start_url`, breadth first."""
    host = urlsplit(start_url).netloc
    start = clean_url(start_url)
    queue = deque([(start, 0, None)])  # url, depth, (linking page's path + its label) or None
    seen = {start}
    menu: dict[str, tuple[list[str], str]] = {}
    done = 0
    while queue and done < max_pages:
        url, depth, via = queue.popleft()
        try:
            fetched = session.get(url)
        except Exception as e:  # a broken link is reported, and the crawl goes on
            if on_error:
                on_error(url, e)
            continue
        done += 1
        if "html" not in fetched.headers.get("Content-Type", "text/html"):
            continue
        soup = BeautifulSoup(fetched.content, "lxml")
        for u, entry in menu_paths(soup, fetched.url).items():
            menu.setdefault(u, entry)
        if url in menu:
            nav_path = menu[url][0]
        else:
            nav_path = via or []
        yield CrawledPage(url=url, content=fetched.content, headers=fetched.headers, nav_path=nav_path, depth=depth)
        if depth >= max_depth:
            continue
        own = menu.get(url)
        here = (own[0] + [own[1]]) if own else nav_path + [_title(soup)]
        for link in list(menu) + content_links(soup, fetched.url):
            if urlsplit(link).netloc == host and link not in seen and is_page(link):
                seen.add(link)
                queue.append((link, depth + 1, here))


def _title(soup: BeautifulSoup) -> str:
    h = soup.select_one("#wsite-content h2, #wsite-content h1, h1, h2")
    if h and h.get_text(strip=True):
        return " ".join(h.get_text(" ").split())
    return " ".join(soup.title.get_text().split("-")[0].split()) if soup.title else ""
