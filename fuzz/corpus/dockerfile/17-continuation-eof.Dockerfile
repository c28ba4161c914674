FROM a
RUN x \
\
\
  \
--flag \