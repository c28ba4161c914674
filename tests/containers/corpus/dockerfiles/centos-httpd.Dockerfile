FROM quay.io/centos/centos:stream9
RUN yum install -y httpd mod_ssl
RUN yum install -y php php-mysqlnd && yum clean all
RUN zypper --version || true
COPY site.conf /etc/httpd/conf.d/
EXPOSE 80 443
USER apache
HEALTHCHECK CMD ["curl", "-fs", "http://localhost/"]
CMD ["/usr/sbin/httpd", "-DFOREGROUND"]
