FROM composer:2.7 AS vendor
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-scripts --prefer-dist --no-interaction

FROM php:8.3-fpm-alpine3.20
RUN apk add --no-cache icu-libs=74.2-r0 libzip=1.10.1-r0 \
 && apk add --no-cache --virtual .build-deps icu-dev=74.2-r0 libzip-dev=1.10.1-r0 $PHPIZE_DEPS \
 && docker-php-ext-install intl zip opcache \
 && apk del .build-deps
COPY --from=vendor /app/vendor /var/www/html/vendor
COPY --chown=www-data:www-data . /var/www/html
USER www-data
HEALTHCHECK --interval=10s CMD ["php-fpm-healthcheck"]
CMD ["php-fpm", "--nodaemonize"]
