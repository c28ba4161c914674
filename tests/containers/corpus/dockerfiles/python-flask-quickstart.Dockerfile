# The Dockerfile most tutorials start from: one stage, runs as root, shell-form CMD.
FROM python:3.11-slim

WORKDIR /code

COPY requirements.txt requirements.txt
RUN pip install --upgrade pip
RUN pip install -r requirements.txt
RUN pip install --no-cache-dir gunicorn

COPY . .
RUN cd /code/static && python -m compileall -q .

EXPOSE 5000
CMD gunicorn --bind 0.0.0.0:5000 --workers 3 wsgi:app
