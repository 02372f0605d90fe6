# Hague Portal image: web (gunicorn), worker and beat all run from it (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; curl serves the health checks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The locked versions, each checked against its hash (requirements/runtime.lock, `make lock`),
# in a layer of their own that a code change does not rebuild; then the portal without resolving.
COPY requirements/runtime.lock ./requirements/
RUN pip install --require-hashes --no-deps -r requirements/runtime.lock
COPY pyproject.toml README.md ./
COPY hague_portal ./hague_portal
RUN pip install --no-deps .
COPY . .
# With DEBUG off, as it runs: the manifest (staticfiles.json) that {% static %} needs is written
# only then. The settings refuse to start without production variables: give build-only values
# (none of them is used at run time; the key is random and thrown away).
RUN DEBUG=false SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://build:6379/0 \
    ALLOWED_HOSTS=build EMAIL_URL=consolemail:// SITE_URL=http://build \
    python manage.py collectstatic --noinput

RUN useradd --create-home portal && mkdir -p /app/var && chown -R portal /app/var
USER portal
EXPOSE 8000
# Workers, --timeout and --graceful-timeout: gunicorn.conf.py.
CMD ["gunicorn", "hague_portal.wsgi", "--config", "gunicorn.conf.py"]
