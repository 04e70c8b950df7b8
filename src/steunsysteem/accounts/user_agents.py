"""A short, human description of a browser from its User-Agent header ("Firefox", "Windows").

Only the names are kept, never the full header: enough for someone to recognise their own
sessions on "Mijn account".
"""

# Checked in this order: several browsers also name the ones they are based on.
BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
]


def _first_match(user_agent: str, table: list[tuple[str, str]]) -> str:
    return next((name for marker, name in table if marker in user_agent), "")


def describe_user_agent(user_agent: str) -> tuple[str, str]:
    """(browser, operating system); an empty string for what is not recognised."""
    return _first_match(user_agent, BROWSERS), _first_match(user_agent, SYSTEMS)
