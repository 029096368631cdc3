#!/usr/bin/env python3
"""The status page as a browser and a strict HTML parser see it.

Called by tests/status_page.rs, which compares what this prints with data/figures.json:

    status_browser.py PAGE SCREENSHOT_DIR

Parses PAGE with html5lib in strict mode (any parse error is reported), lists every reference
to another resource, then opens the page as file:// in headless Chromium through chromedriver
(Selenium) at a phone's and a desktop's width, reads the overview table, the language, the
headings and the widths, records every request the page made and every console message, and
saves screenshots to SCREENSHOT_DIR. Prints one JSON object on stdout.

Needs python3 with selenium and html5lib, and chromium with chromedriver (Debian: chromium,
chromium-driver); CHROMIUM and CHROMEDRIVER override their paths.
"""

import base64
import json
import os
import pathlib
import sys
import tempfile

import html5lib
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

# Attributes through which a page can load or point at another resource.
REFERENCE_ATTRIBUTES = {
    "src",
    "srcset",
    "href",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "manifest",
    "{http://www.w3.org/1999/xlink}href",
}
# Elements that load something or run code.
LOADING_ELEMENTS = {
    "script",
    "link",
    "img",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "source",
    "track",
    "base",
    "frame",
}

PHONE = (375, 812)
DESKTOP = (1280, 900)


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def parse(page):
    """Strict parse: the first parse error, every reference, loading elements, style imports."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    try:
        with open(page, "rb") as file:
            tree = parser.parse(file)
    except html5lib.html5parser.ParseError as error:
        return {"parse_error": str(error), "references": [], "loading_elements": []}
    references = []
    loading = []
    styles = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        name = local_name(element.tag)
        if name in LOADING_ELEMENTS:
            loading.append(name)
        if name == "style":
            styles.append(element.text or "")
        for attribute, value in element.attrib.items():
            if attribute in REFERENCE_ATTRIBUTES or local_name(attribute) == "href":
                references.append(value)
            if attribute == "style":
                styles.append(value)
    css = "\n".join(styles).lower()
    return {
        "parse_error": None,
        "references": references,
        "loading_elements": loading,
        "css_imports": css.count("@import") + css.count("url("),
    }


def driver(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


def emulate(browser, size, mobile):
    width, height = size
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def requests(browser):
    """URLs of every request since the last call, from the performance log."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


READ_PAGE = """
const table = document.querySelector('table');
const text = (cell) => cell.innerText.replace(/\\s+/g, ' ').trim();
const root = document.documentElement;
return {
  lang: root.lang,
  title: document.title,
  h1: Array.from(document.querySelectorAll('h1')).map(text),
  h2: Array.from(document.querySelectorAll('h2')).map(text),
  caption: table ? text(table.querySelector('caption')) : null,
  column_headers: table ? Array.from(table.querySelectorAll('thead th')).map(
    (cell) => ({text: text(cell), scope: cell.getAttribute('scope')})) : [],
  rows: table ? Array.from(table.querySelectorAll('tbody tr')).map((row) =>
    Array.from(row.children).map((cell) => ({
      tag: cell.tagName.toLowerCase(), scope: cell.getAttribute('scope'), text: text(cell)}))) : [],
  scripts: document.scripts.length,
  resources: performance.getEntriesByType('resource').map((entry) => entry.name),
  charts: Array.from(document.querySelectorAll('svg.bars')).map((svg) => ({
    role: svg.getAttribute('role'),
    name: (() => {
      const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
      return ids.map((id) => { const e = document.getElementById(id); return e ? e.textContent : ''; }).join(' ');
    })(),
  })),
  fragment_links: Array.from(document.querySelectorAll('a[href^="#"]')).map((a) => ({
    href: a.getAttribute('href'),
    found: document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))) !== null,
  })),
  links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
};
"""

WIDTHS = """
const root = document.documentElement;
window.scrollTo(10000, 0);
const scrolled = window.scrollX;
window.scrollTo(0, 0);
const wrap = document.querySelector('.table-wrap');
return {
  inner_width: window.innerWidth,
  client_width: root.clientWidth,
  scroll_width: Math.max(root.scrollWidth, document.body.scrollWidth),
  scrolled_x: scrolled,
  table_wrap: wrap ? {client: wrap.clientWidth, scroll: wrap.scrollWidth,
                      overflow_x: getComputedStyle(wrap).overflowX} : null,
  body_font_px: parseFloat(getComputedStyle(document.body).fontSize),
};
"""


def full_page(browser, path):
    """A screenshot of the whole page at the current width, for review."""
    metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    pathlib.Path(path).write_bytes(base64.b64decode(shot["data"]))


def main():
    page = pathlib.Path(sys.argv[1]).resolve()
    shots = pathlib.Path(sys.argv[2])
    shots.mkdir(parents=True, exist_ok=True)
    result = {"html": parse(page)}
    with tempfile.TemporaryDirectory(prefix="klyngepakke-chromium-") as profile:
        browser = driver(profile)
        try:
            browser.execute_cdp_cmd("Network.enable", {})
            requests(browser)  # start from an empty log
            emulate(browser, PHONE, True)
            browser.get(page.as_uri())
            result["page"] = browser.execute_script(READ_PAGE)
            result["phone"] = browser.execute_script(WIDTHS)
            browser.save_screenshot(str(shots / "status-375x812.png"))
            full_page(browser, shots / "status-375-full.png")
            emulate(browser, DESKTOP, False)
            result["desktop"] = browser.execute_script(WIDTHS)
            browser.save_screenshot(str(shots / "status-1280x900.png"))
            full_page(browser, shots / "status-1280-full.png")
            result["requests"] = requests(browser)
            result["console"] = [
                {"level": entry["level"], "message": entry["message"]}
                for entry in browser.get_log("browser")
            ]
            result["page_url"] = page.as_uri()
        finally:
            browser.quit()
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
