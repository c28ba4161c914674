FROM centos:7
MAINTAINER Someone <someone@example.com>
ENV PATH /usr/local/bin:$PATH
LABEL version 1.0
ADD https://example.com/tool.tar.gz /tmp/
RUN yum install -y httpd && yum clean all
ONBUILD COPY . /app
ONBUILD RUN make
VOLUME /data /logs
EXPOSE 80 443
CMD ["httpd", "-DFOREGROUND"]
