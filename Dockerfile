FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    LED_BIND=0.0.0.0:8050 LED_CACHE_DIR=/app/.cache LED_DATA_DIR=/data

RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-microhei curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN useradd --create-home --uid 10001 led \
    && python -m geodata.build && python -m indicators.store && python -m indicators.county.contiguity \
    && mkdir -p /data && chown -R led:led /app/.cache /data
USER led
# uploaded datasets (SQLite) live here; mount a volume to keep them across containers
VOLUME ["/data"]

EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8050/healthz || exit 1
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]
