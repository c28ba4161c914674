FROM a
RUN cat <<EOF
never closed
