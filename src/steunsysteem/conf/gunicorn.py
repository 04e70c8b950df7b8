"""gunicorn's settings in production mode (``bin/serve``), from the one table of
environment variables (``conf/env.py``, ``docs/configuration.md``)."""

from steunsysteem.conf.env import env

bind = env("WEB_BIND")
workers = int(env("WEB_WORKERS"))
timeout = int(env("WEB_TIMEOUT"))
forwarded_allow_ips = env("FORWARDED_ALLOW_IPS")
# One line per request on stdout, without the query string (a search may hold a name).
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# The longest request line gunicorn takes (its maximum; the default is 4094): a question of
# 2,000 characters sent to /api/v1/match/?q= take 2.5 to 6 KB once URL-encoded. Longer: 414.
limit_request_line = 8190
# Restart workers now and then, so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
