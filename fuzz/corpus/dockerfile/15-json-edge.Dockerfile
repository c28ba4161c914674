FROM a
CMD ["sleep", 10]
ENTRYPOINT ["unterminated"
RUN [1,{"a":[true,null]}]
