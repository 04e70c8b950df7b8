"""Every environment variable the project reads, in one place.

Each entry has a default and a help text; ``docs/configuration.md`` is generated from
this table with ``steunsysteem env_docs``.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: str
    help: str


BASE_DIR = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = Path.cwd() / "data"

ENV_VARS: dict[str, EnvVar] = {
    var.name: var
    for var in [
        EnvVar("SECRET_KEY", "", "Secret key for signing. Required in production."),
        EnvVar(
            "AUDIT_TRAIL_KEY",
            "",
            "Key of the audit trail's hash chain (HMAC-SHA256), at least 32 characters. Required"
            " in production; keep it outside the database and its backups, and never change it"
            " (entries written with the old key would no longer verify). Empty outside"
            " production: derived from SECRET_KEY.",
        ),
        EnvVar(
            "AUDIT_TRAIL_UNKEYED_UNTIL",
            "0",
            "Sequence number of the last audit trail entry written before the chain was keyed"
            " (those keep a plain SHA-256). 0 for an installation started with a keyed trail;"
            " the migration that introduced the key prints the number for an older one.",
        ),
        EnvVar(
            "DATABASE_URL",
            "",
            "Database URL, e.g. postgres://user:pass@host/db. Empty: SQLite in DATA_DIR.",
        ),
        EnvVar("DATA_DIR", str(DEFAULT_DATA_DIR), "Folder for the SQLite file and uploads."),
        EnvVar("ALLOWED_HOSTS", "localhost,127.0.0.1", "Comma-separated host names served."),
        EnvVar("DEBUG", "false", "Show debug pages. Never true in production."),
        EnvVar("LOG_LEVEL", "INFO", "Minimum level of log lines (DEBUG, INFO, WARNING, ...)."),
        EnvVar(
            "WEB_BIND",
            "127.0.0.1:8000",
            "Production mode (bin/serve): the address gunicorn listens on, behind the reverse"
            " proxy that terminates TLS. Keep it on loopback unless the proxy runs elsewhere.",
        ),
        EnvVar(
            "WEB_WORKERS",
            "3",
            "Production mode (bin/serve): gunicorn worker processes; about 2 × cores + 1.",
        ),
        EnvVar(
            "WEB_TIMEOUT",
            "30",
            "Production mode (bin/serve): seconds before gunicorn restarts a worker stuck on"
            " one request (a PDF of a large report may need more).",
        ),
        EnvVar(
            "MIGRATION_LOCK_TIMEOUT",
            "5",
            "PostgreSQL: seconds a migration waits for a table lock before it stops (and rolls"
            " back) instead of holding up every request queued behind it. Run the upgrade again"
            " at a quieter moment; 0 waits for ever.",
        ),
        EnvVar(
            "FORWARDED_ALLOW_IPS",
            "127.0.0.1",
            "Production mode (bin/serve): addresses of the reverse proxy whose X-Forwarded-Proto"
            " and X-Forwarded-For headers gunicorn trusts (comma-separated).",
        ),
        EnvVar(
            "STALE_AFTER_DAYS",
            "180",
            "Days after an entry's last check (assured date) before its editor is asked to check it"
            " again.",
        ),
        EnvVar(
            "DIRECTORY_CHECKED_BY_EMAIL",
            "",
            "Role address (e.g. sociale-kaart@gemeente.nl) published in the HSDS data as who last"
            " checked an entry (assurer_email). Empty: the organisation's own e-mail address. A"
            " staff member's log-in address is never published.",
        ),
        EnvVar(
            "HSDS_IMPORT_JSON_MAX_MB",
            "200",
            "Largest HSDS JSON file (in MB) that import_hsds accepts. A JSON document is held in"
            " memory whole (about six times its size); a tabular data package (CSV files) is"
            " read row by row and has no limit.",
        ),
        EnvVar(
            "REQUEST_MAX_MB",
            "2.5",
            "Largest request body (in MB, without files) that a form or the API accepts; a larger"
            " one is refused with a clear message (413). Set the reverse proxy's limit (nginx"
            " client_max_body_size) a little higher, so the user sees this message.",
        ),
        EnvVar(
            "REQUEST_MAX_FIELDS",
            "1000",
            "Most form fields that one request may send; more is refused (413).",
        ),
        EnvVar(
            "SITE_URL",
            "http://localhost:8000",
            "Public address of this installation, used for links in e-mails.",
        ),
        EnvVar(
            "SITE_NAME",
            "Steunsysteem Partistad",
            "The region's name for this site: shown in the page header, on the log-in page, in"
            " page titles and e-mails.",
        ),
        EnvVar(
            "SITE_LOGO_URL",
            "",
            "Address of the region's logo (an image, at most about 48 pixels high), shown in the"
            " page header before the site name: a path on this site (/static/...) or a full"
            " https:// address. Empty: only the name.",
        ),
        EnvVar(
            "SITE_COLOUR_PRIMARY",
            "#154273",
            "The region's main colour (#rrggbb): header, buttons and links. Choose a dark"
            " colour: white text on it and it on white need a contrast of at least 4.5:1.",
        ),
        EnvVar(
            "SITE_COLOUR_ACCENT",
            "#ffb612",
            "The region's accent colour (#rrggbb): the line under the header and the focus"
            " ring. Choose a light colour that stands out against the main colour.",
        ),
        EnvVar(
            "MAP_TILE_URL",
            "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
            "Tile service of the sociale kaart's street map, with {z}, {x} and {y} (and"
            " optionally {s}) in it. The default is the Dutch government's PDOK"
            " BRT-Achtergrondkaart. Only this host may serve images to the map page"
            " (Content-Security-Policy). Empty: no street map, the drawn map only.",
        ),
        EnvVar(
            "MAP_TILE_ATTRIBUTION",
            'Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a>',
            "Credit line of the tile service, shown on the map (HTML: a link is allowed).",
        ),
        EnvVar(
            "MAP_TILE_MAX_ZOOM",
            "19",
            "Highest zoom level the tile service offers.",
        ),
        EnvVar("EMAIL_URL", "", "SMTP server, e.g. smtp://user:pass@host:587. Empty: console."),
        EnvVar("DEFAULT_FROM_EMAIL", "steunsysteem@localhost", "Sender address of e-mails."),
        EnvVar(
            "MAIL_RETRY_MINUTES",
            "15",
            "Minutes before a mail that could not be delivered (mail server down) is tried again.",
        ),
        EnvVar(
            "MAIL_MAX_RETRIES",
            "96",
            "Times an undelivered mail is tried again before it is marked failed (it is kept, and"
            " an administrator can requeue it in the admin). 96 x 15 minutes: one day.",
        ),
        EnvVar(
            "SESSION_IDLE_MINUTES",
            "30",
            "Minutes without any request after which a signed-in user is signed out.",
        ),
        EnvVar(
            "SESSION_ABSOLUTE_HOURS",
            "12",
            "Hours after signing in after which a user is signed out, however active.",
        ),
        EnvVar(
            "EMERGENCY_ACCESS_HOURS",
            "4",
            "Hours that emergency access to a participant's data lasts before it ends by itself.",
        ),
        EnvVar(
            "CONSENT_MAX_DAYS",
            "365",
            "Days ahead that the end date of a new consent may lie at most, counted from the day"
            " it is recorded: consent is renewed at least this often.",
        ),
        EnvVar(
            "LOGIN_FAILURE_LIMIT",
            "5",
            "Failed log-in attempts (per user name and client network, /24 or /48) before the"
            " account is locked.",
        ),
        EnvVar(
            "LOGIN_LOCKOUT_MINUTES",
            "15",
            "Minutes a locked account stays locked for that network.",
        ),
        EnvVar(
            "TRUSTED_PROXY_COUNT",
            "0",
            "Number of reverse proxies in front of the app that add the client address to"
            " CLIENT_IP_HEADER. 0: the app is reached directly and uses the connection's address.",
        ),
        EnvVar(
            "CLIENT_IP_HEADER",
            "HTTP_X_FORWARDED_FOR",
            "Request header (as in request.META) in which the trusted proxies pass the client"
            " address. Only read when TRUSTED_PROXY_COUNT is more than 0.",
        ),
        EnvVar(
            "RATE_LIMIT_LOGIN",
            "20/m",
            "Log-in attempts (POST) per client address, as count/period (s, m, h, d).",
        ),
        EnvVar(
            "RATE_LIMIT_PASSWORD_RESET",
            "10/h",
            "Requests for a password reset link (POST) per client address.",
        ),
        EnvVar(
            "RATE_LIMIT_SEARCH",
            "120/m",
            "Searches on the public sociale kaart (including live filter updates) per client"
            " address.",
        ),
        EnvVar(
            "RATE_LIMIT_API",
            "120/m",
            "Calls to the APIs (/api/v1/ and /api/hsds/) without an account, per client address.",
        ),
        EnvVar(
            "RATE_LIMIT_NETWORK_MAP",
            "30/m",
            "Network map pages and downloads (SVG, PNG, PDF) per client address: drawing a PNG"
            " or PDF takes the server a while.",
        ),
        EnvVar(
            "RATE_LIMIT_OUTDATED_REPORT",
            "10/h",
            "Reports that an entry on the sociale kaart is out of date (POST, no account needed)"
            " per client address.",
        ),
        EnvVar(
            "MONITOR_SMALL_CELL_THRESHOLD",
            "5",
            "Smallest count the monitor, its exports and survey results show: a figure below it"
            " (and any figure that would let someone work it out) is shown as suppressed.",
        ),
        EnvVar(
            "MONITOR_TARGET_GROUPS",
            "EPA",
            "Target groups the region counts in the monitor, comma-separated (e.g. EPA). A"
            " participant may be marked with one of them, with consent; never a diagnosis.",
        ),
        EnvVar(
            "MONITOR_TARGET_GROUP_PREVALENCE",
            "1.5",
            "Estimated share of inhabitants (per cent) who belong to the counted target group:"
            " the monitor's reach compares participants with District.population times this.",
        ),
        EnvVar(
            "SURVEY_LINK_VALID_DAYS",
            "30",
            "Days a survey link works; also how far back a closed question still gets a survey.",
        ),
        EnvVar(
            "SURVEY_COLLABORATION_MONTH",
            "11",
            "Month (1-12) from which send_surveys sends werktafel members the yearly survey"
            " about the collaboration.",
        ),
        EnvVar(
            "COVERAGE_MAX_DISTANCE_KM",
            "3",
            "A district whose nearest laagdrempelig steunpunt is further than this (km, from"
            " the district's centre) is a white spot on the coverage page.",
        ),
        EnvVar(
            "COVERAGE_MIN_DAYS_OPEN",
            "3",
            "A district whose nearest steunpunt is open fewer days a week than this is a white"
            " spot on the coverage page.",
        ),
        EnvVar(
            "SIGNAL_THRESHOLD",
            "3",
            "Questions in one life domain and district without a fitting offer (ended without"
            " one within SIGNAL_WINDOW_DAYS, or still waiting for a proposal after"
            " SIGNAL_OPEN_WAITING_WEEKS) before a signal to the municipality is raised.",
        ),
        EnvVar(
            "SIGNAL_WINDOW_DAYS",
            "365",
            "Days back that the signal detection counts questions ended without a fitting offer.",
        ),
        EnvVar(
            "SIGNAL_OPEN_WAITING_WEEKS",
            "12",
            "Weeks an open question may wait without a proposal from the werktafel before it"
            " counts towards a signal, like a question that ended without a fitting offer. It"
            " counts for as long as it waits, also beyond SIGNAL_WINDOW_DAYS.",
        ),
        EnvVar(
            "CRISIS_SUICIDE_LINE_NAME",
            "113 Zelfmoordpreventie",
            "Crisis help shown on every public page: name of the suicide prevention line.",
        ),
        EnvVar(
            "CRISIS_SUICIDE_LINE_PHONES",
            "113,0800-0113",
            "Comma-separated phone numbers of the suicide prevention line (shown as tel: links).",
        ),
        EnvVar(
            "CRISIS_SUICIDE_LINE_CHAT_URL",
            "https://www.113.nl/",
            "Web address where the suicide prevention line can be reached by chat.",
        ),
        EnvVar(
            "CRISIS_GP_POST_PHONE",
            "",
            "Phone number of the region's huisartsenpost (out-of-hours GP service). Empty: the"
            " crisis help only says to call your own GP, or the huisartsenpost at night.",
        ),
        EnvVar("CRISIS_EMERGENCY_PHONE", "112", "Emergency number shown in the crisis help."),
        EnvVar(
            "CRISIS_LISTENING_LINE_NAME",
            "De Luisterlijn",
            "Name of the listening line (someone to talk to, day and night) in the crisis help.",
        ),
        EnvVar(
            "CRISIS_LISTENING_LINE_PHONE",
            "088 0767 000",
            "Phone number of the listening line. Empty: the line is not shown.",
        ),
        EnvVar(
            "CRISIS_LISTENING_LINE_URL",
            "https://www.deluisterlijn.nl/",
            "Web address of the listening line (chat and e-mail).",
        ),
        EnvVar(
            "INVITATION_VALID_DAYS",
            "7",
            "Days an invitation link to create an account keeps working.",
        ),
        EnvVar(
            "REFERRAL_ANSWER_DAYS",
            "5",
            "Days a referral may wait for the receiving organisation's answer before the"
            " professional who referred gets one reminder (command remind_referrals).",
        ),
        EnvVar(
            "REFERRAL_LINK_VALID_DAYS",
            "14",
            "Days the single-use link mailed to a receiving organisation keeps working.",
        ),
    ]
}


def env(name: str) -> str:
    """The value of a declared environment variable, or its default."""
    return os.environ.get(name, ENV_VARS[name].default)


def env_bool(name: str) -> bool:
    return env(name).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env(name).split(",") if item.strip()]


def env_colour(name: str) -> str:
    """A #rrggbb colour; anything else stops the start (it is written into the page's CSS)."""
    value = env(name).strip()
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError(f"{name} must be a colour written as #rrggbb, not {value!r}.")
    return value.lower()
