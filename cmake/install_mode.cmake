# install_mode.cmake - run by `cmake --install` (never at configure time):
# who installs decides where things go (README.md, "Install").
#
#   as a user          the CLI in ~/.local/bin (or <prefix>/bin when a prefix
#                      was chosen), the plugin in the user's personal
#                      Wireshark plugin folder; ~ is the HOME of the install
#   as root (sudo),    the CLI in <prefix>/bin (/usr/local/bin), the plugin
#   or DESTDIR set     in Wireshark's system plugin folder: Wireshark run as
#                      root reads no personal folder, and a package (DESTDIR)
#                      has no user
#
# In:  CTISCOPE_DEFAULT_PREFIX  the prefix CMake picked by itself at configure
#                               time ("" when one was given)
#      CMAKE_INSTALL_PREFIX     the prefix of this install (--prefix)
# Out: CTISCOPE_INSTALL_FOR_USER  TRUE / FALSE
#      CMAKE_INSTALL_PREFIX      $HOME/.local for a user who chose no prefix
# Included by every install script that needs it; decides once.
if(DEFINED CTISCOPE_INSTALL_FOR_USER)
  return()
endif()
set(CTISCOPE_INSTALL_FOR_USER TRUE)
if(NOT "$ENV{DESTDIR}" STREQUAL "")
  set(CTISCOPE_INSTALL_FOR_USER FALSE)
  message(STATUS "ctiscope: DESTDIR is set: a system install, staged under $ENV{DESTDIR}")
else()
  execute_process(COMMAND id -u OUTPUT_VARIABLE _ctiscope_uid OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE _ctiscope_id_rc)
  if(_ctiscope_id_rc EQUAL 0 AND _ctiscope_uid STREQUAL "0")
    set(CTISCOPE_INSTALL_FOR_USER FALSE)
    message(STATUS "ctiscope: installing as root: a system install (the plugin in Wireshark's "
                   "system plugin folder, which Wireshark run as root reads; it reads no personal one)")
  endif()
endif()
if(CTISCOPE_INSTALL_FOR_USER)
  if(NOT "$ENV{HOME}" MATCHES "^/")
    message(FATAL_ERROR "ctiscope: installing as a user needs HOME (an absolute path); it is \"$ENV{HOME}\"")
  endif()
  if(CTISCOPE_DEFAULT_PREFIX AND CMAKE_INSTALL_PREFIX STREQUAL CTISCOPE_DEFAULT_PREFIX)
    # a user may not write /usr/local: the user's own prefix instead
    set(CMAKE_INSTALL_PREFIX "$ENV{HOME}/.local")
    message(STATUS "ctiscope: installing for this user (not root, no --prefix): under $ENV{HOME}/.local; "
                   "sudo cmake --install installs system-wide")
    if(NOT ":$ENV{PATH}:" MATCHES ":$ENV{HOME}/.local/bin/?:")
      message(STATUS "ctiscope: $ENV{HOME}/.local/bin is not in PATH: add it, or run $ENV{HOME}/.local/bin/ctiscope")
    endif()
  endif()
endif()
