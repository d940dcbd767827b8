# embed.cmake - cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed.cmake:
# writes OUT defining "const char NAME[]" = IN's bytes and a NUL.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
file(WRITE "${OUT}" "/* generated from ${IN} by embed.cmake: do not edit */\nconst char ${NAME}[] = {\n${body}0x00 };\n")
