RUN echo before from
FROM a
