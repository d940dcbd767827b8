# git_version.cmake -DSRC=<source dir> -DOUT=<header> [-DPLUGIN_WS=<version>]
# Writes OUT with CTISCOPE_GIT (git describe of the checkout, "unknown"
# outside one), only when it changed: run at every build, so --version
# names the commit built, not the one configured.
execute_process(COMMAND git -C "${SRC}" describe --always --dirty --tags
                OUTPUT_VARIABLE desc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR desc STREQUAL "")
  set(desc "unknown")
endif()
set(text "#define CTISCOPE_GIT \"${desc}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
else()
  set(old "")
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
