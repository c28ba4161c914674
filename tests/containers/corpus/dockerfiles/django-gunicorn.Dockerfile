FROM python:3.12-bookworm

ENV PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=shop.settings.production

# collectstatic needs a SECRET_KEY at build time
ENV DJANGO_SECRET_KEY=shop-build-only-key-2024

RUN apt-get update && apt-get install -y libpq5 gettext

RUN useradd --create-home --uid 1000 django
WORKDIR /home/django/app

COPY --chown=django:django requirements/ requirements/
RUN pip install --no-cache-dir -r requirements/production.txt

COPY --chown=django:django . .
RUN python manage.py collectstatic --noinput && python manage.py compilemessages

USER django
EXPOSE 8000
HEALTHCHECK --interval=30s CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health/')"
CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
