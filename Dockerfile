# Luukku's production image: gunicorn with uvicorn workers (luukku/serving/gunicorn_conf.py) serving
# luukku.asgi:application (HTTP and the chat's WebSockets), static files collected and served by
# WhiteNoise with far-future caching. The same image runs the task worker (`manage.py db_worker`) and
# the migrations; see compose.yaml and README "Production serving".
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never \
    LUUKKU_STATIC_ROOT=/app/static LUUKKU_MEDIA_ROOT=/data/media \
    LUUKKU_BIND=0.0.0.0:8000 LUUKKU_LOG_FORMAT=json LUUKKU_SECURITY_LOG=stdout

RUN pip install --no-cache-dir "uv==0.13.8" \
    && groupadd --system luukku && useradd --system --gid luukku --home-dir /app luukku \
    && mkdir -p /app /data/media && chown luukku:luukku /data/media

WORKDIR /app
# Dependencies first (a layer that changes only with the lock file), without the dev and bench groups.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY manage.py ./
COPY luukku ./luukku
RUN uv sync --frozen --no-dev \
    && LUUKKU_SECRET_KEY=build-only-not-used LUUKKU_DEMO=0 .venv/bin/python manage.py collectstatic --no-input -v 0
# The compiled catalogues (luukku/locale/*/django.mo) are in the repository: no gettext needed here.

USER luukku
ENV PATH="/app/.venv/bin:$PATH"
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': 'localhost'}), timeout=2)"]
CMD ["gunicorn", "-c", "python:luukku.serving.gunicorn_conf", "luukku.asgi:application"]
