FROM ruby:3.2-alpine
MAINTAINER Shop Ops <ops@shop.test>
RUN apk update && apk add build-base
RUN gem install bundler -v 2.5.16
WORKDIR /app
COPY Gemfile Gemfile.lock /app/
RUN bundle config set --local without 'development test' && bundle install --jobs 4
COPY . /app
EXPOSE 4567
HEALTHCHECK CMD wget -q -O /dev/null http://127.0.0.1:4567/health || exit 1
CMD ["bundle", "exec", "rackup", "--host", "0.0.0.0", "--port", "4567"]
