/*
 * platform.h - every call goalc makes to the operating system beyond ISO C,
 * behind one interface: memory pages, in-memory streams, threads, interrupt
 * signals, files and their identities, directories, temporary files,
 * running programs, the console and the command line.
 *
 * The bottom layer of compiler/ (README, "Layout"): it includes nothing of
 * ours, and nothing else in compiler/ includes an OS header or tests
 * _WIN32.  Two implementations, one per OS family, chosen by the Makefile
 * (PLATFORM=posix or windows): platform_posix.c (glibc, and anything
 * POSIX.1-2008) and platform_windows.c (mingw-w64, the Win32 API).
 *
 * Conventions: paths are UTF-8 everywhere (platform_windows.c turns them
 * into UTF-16 for the W functions, and '/' and '\\' both separate); a call
 * that fails returns -1 or NULL with errno set, as POSIX does; what is
 * returned malloc'd is the caller's to free().
 */
#ifndef GOALC_PLATFORM_H
#define GOALC_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The printf format checking that matches the printf in use: mingw-w64's
   own (glibc's formats, __USE_MINGW_ANSI_STDIO) rather than msvcrt's. */
#if defined(__MINGW_PRINTF_FORMAT)
#define PLATFORM_PRINTF(fmt, args) __attribute__((format(__MINGW_PRINTF_FORMAT, fmt, args)))
#else
#define PLATFORM_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#endif

/* --- start-up ---------------------------------------------------------------- */

/*
 * Called first by main: on Windows, replaces *argv by the command line in
 * UTF-8 (from the UTF-16 one), puts the standard streams in binary mode
 * (no "\r\n" for "\n": outputs are the same bytes on every system) and the
 * console in UTF-8; elsewhere nothing.
 */
void
platform_init(int *argc, char ***argv);

/* The user's language is Chinese, as far as the system says beyond the
   environment variables (LANG and friends), which diag.c reads first:
   Windows' user interface language; false elsewhere. */
bool
platform_user_language_zh(void);

/* --- memory ------------------------------------------------------------------ */

/*
 * len bytes (a multiple of PLATFORM_HUGE_PAGE) of zeroed memory straight
 * from the system, aligned to PLATFORM_HUGE_PAGE where the system can back
 * such a run with huge pages; NULL when it cannot.  Given back with
 * platform_unmap(p, len).
 */
enum { PLATFORM_HUGE_PAGE = 2 * 1024 * 1024 };
void *
platform_map(size_t len);
void
platform_unmap(void *p, size_t len);

/* --- an in-memory stream ----------------------------------------------------- */

/*
 * A stream for writing whose bytes, when platform_memstream_close() has
 * closed it, are a malloc'd buffer: *text (NULL if nothing was written)
 * and *len.  NULL when out of memory.  Close it with
 * platform_memstream_close, never fclose (Windows keeps the bytes in a
 * temporary file until then); its result is fclose's.
 */
FILE *
platform_memstream_open(char **text, size_t *len);
int
platform_memstream_close(FILE *f);

/* --- threads ------------------------------------------------------------------ */

struct platform_mutex;
struct platform_cond;
struct platform_thread;

/* NULL when out of resources. */
struct platform_mutex *
platform_mutex_new(void);
void
platform_mutex_free(struct platform_mutex *m);
void
platform_mutex_lock(struct platform_mutex *m);
void
platform_mutex_unlock(struct platform_mutex *m);

struct platform_cond *
platform_cond_new(void);
void
platform_cond_free(struct platform_cond *c);
void
platform_cond_wait(struct platform_cond *c, struct platform_mutex *m);
void
platform_cond_broadcast(struct platform_cond *c);

/* A thread running fn(arg), born with the interrupt signals blocked, so
   that they reach the main thread; NULL when none can be made. */
struct platform_thread *
platform_thread_start(void (*fn)(void *arg), void *arg);
void
platform_thread_join(struct platform_thread *t);

/* The number of processors online, at least 1. */
unsigned
platform_processors(void);

/* Runs fn once for all threads; every caller returns after it has run. */
struct platform_once {
    volatile int state; /* 0 not run, 2 done: read and written by platform_once only */
};
#define PLATFORM_ONCE_INIT {0}
void
platform_once(struct platform_once *once, void (*fn)(void));

/* --- interrupts (Ctrl-C, SIGINT, SIGTERM, SIGHUP) ------------------------------ */

/*
 * Installs cleanup (once): when the user interrupts goalc, cleanup() runs
 * and the process exits with 128 + the signal (130 for Ctrl-C on Windows).
 * cleanup may call platform_remove_quick() and nothing else.  A signal the
 * caller ignores (nohup) stays ignored.
 */
void
platform_on_interrupt(void (*cleanup)(void));
/* Holds an interrupt off from here to platform_interrupts_allow() (not nested). */
void
platform_interrupts_hold(void);
void
platform_interrupts_allow(void);

/* --- files ------------------------------------------------------------------- */

enum platform_kind {
    PLATFORM_MISSING,
    PLATFORM_REGULAR,
    PLATFORM_DIRECTORY,
    PLATFORM_SYMLINK, /* only from platform_lstat */
    PLATFORM_CHAR_DEVICE,
    PLATFORM_OTHER, /* a pipe, a socket… */
};

struct platform_stat {
    enum platform_kind kind;
    unsigned long long size;
    unsigned long long dev, ino; /* together: the file's identity */
    unsigned long links;         /* its number of names */
    unsigned mode;               /* permission bits (07777) */
    unsigned long uid, gid;      /* 0 where there are none */
};

/* 0, or -1 with errno. */
int
platform_stat(const char *path, struct platform_stat *st);
int
platform_lstat(const char *path, struct platform_stat *st);
int
platform_fstat(int fd, struct platform_stat *st);

/* fopen with a UTF-8 path; streams are binary on every system. */
FILE *
platform_fopen(const char *path, const char *mode);

/* A descriptor for reading path (O_NONBLOCK with no_wait: a FIFO does not
   block the open); read and close it with the two below. */
int
platform_open_read(const char *path, bool no_wait);
/* read(2): bytes read, 0 at the end, -1 with errno; EINTR retried. */
long long
platform_read(int fd, void *buf, size_t n);
int
platform_close(int fd);
/* write(2) until all n bytes are written: false on an error (EINTR retried). */
bool
platform_write_fd(int fd, const void *buf, size_t n);
/* Whether a read of fd would not wait now (data, or the end, is there):
   poll(2); on Windows by the kind of handle (a pipe's bytes in it, a
   console's events, a file always), and false when it cannot tell. */
bool
platform_input_ready(int fd);
/* The descriptors of standard input and output. */
enum { PLATFORM_STDIN = 0, PLATFORM_STDOUT = 1 };

/* Whether fd is a terminal (a console on Windows). */
bool
platform_isatty(int fd);

/* The canonical absolute path (links, ".", ".." resolved; '/' separators
   on every system), malloc'd; NULL with errno when path does not exist. */
char *
platform_realpath(const char *path);
/* The current directory, malloc'd; NULL when unknown. */
char *
platform_getcwd(void);
/* Whether path is absolute ("/x"; "C:\x", "C:/x", "\\server\x" on Windows). */
bool
platform_path_is_absolute(const char *path);
/* Whether c separates a path's parts ('/', and '\\' on Windows). */
bool
platform_is_separator(char c);

/* The last separator in path, or NULL. */
const char *
platform_last_separator(const char *path);

/* mkdir(path, 0777 less the umask). */
int
platform_mkdir(const char *path);
/* Removes a file (not a directory). */
int
platform_remove(const char *path);
/* platform_remove, callable from the interrupt cleanup (async-signal-safe). */
void
platform_remove_quick(const char *path);
/* Renames from over to, replacing it atomically when it exists. */
int
platform_rename_replace(const char *from, const char *to);
/* Whether we may write path (access W_OK). */
bool
platform_writable(const char *path);

/* --- temporary files ----------------------------------------------------------- */

/* The directory for scratch files: $TMPDIR or /tmp; %TEMP% on Windows. */
const char *
platform_tmpdir(void);
/* mkstemp: the XXXXXX at the end of template replaced, the file created
   (0600) and open for writing; its descriptor, or -1. */
int
platform_mkstemp(char *template);
/* mkdtemp: the same for a directory; template, or NULL. */
char *
platform_mkdtemp(char *template);
/* Removes a directory and all below it; best effort. */
void
platform_remove_tree(const char *dir);
/* A stream on a descriptor from platform_mkstemp, for writing (binary). */
FILE *
platform_fdopen_write(int fd);
/* Flushes the file's data to the disk (fsync); 0 or -1. */
int
platform_sync(FILE *fp);
/* Syncs the directory holding path, so a rename into it survives a crash;
   best effort. */
void
platform_sync_directory_of(const char *path);
/*
 * Gives the file open on fd the owner, group and permissions of old, as
 * far as we may; *owner_error is the errno when the owner or group could
 * not be kept.  platform_new_file_attributes: 0666 less the umask.
 */
void
platform_keep_attributes(int fd, const struct platform_stat *old, int *owner_error);
void
platform_new_file_attributes(int fd);
/* The descriptor of a stream (fileno). */
int
platform_fileno(FILE *fp);

/* The stream is used by one thread only: its many small writes skip the lock. */
void
platform_stream_single_thread(FILE *fp);

/* --- the standard streams ------------------------------------------------------ */

/* Opens descriptors 0, 1 and 2 on the null device the wrong way round
   when they are closed (output.h). */
void
platform_guard_standard_streams(void);
/* Whether the stream cannot be written (closed, or opened for reading). */
bool
platform_stream_read_only(FILE *fp);

/*
 * Writes n bytes of UTF-8 to out, as fwrite does (errors in the stream's
 * error indicator); on a Windows console, as characters (WriteConsoleW),
 * so Chinese shows whatever the console's code page.
 */
void
platform_write(FILE *out, const char *bytes, size_t n);

/* --- running programs ---------------------------------------------------------- */

enum platform_run_output {
    PLATFORM_RUN_INHERIT, /* the program writes to our standard output */
    PLATFORM_RUN_CAPTURE, /* its standard output is collected */
    PLATFORM_RUN_SILENT,  /* its standard streams are the null device */
};

/*
 * Runs argv[0], found on PATH, with argv (NULL-terminated), no shell, and
 * waits for it: its exit status, or -1 when it could not be run (*err its
 * errno: ENOENT when there is no such program) or did not exit (a signal;
 * *err 0).  With PLATFORM_RUN_CAPTURE, *captured is its standard output,
 * malloc'd (*captured_len bytes), NULL when memory ran out.
 */
int
platform_run(const char *const argv[], enum platform_run_output output, char **captured,
             size_t *captured_len, int *err);

/* --- directories ----------------------------------------------------------------- */

struct platform_dir;

/* NULL with errno when dir cannot be read. */
struct platform_dir *
platform_dir_open(const char *dir);
/* The next name in the directory ("." and ".." skipped), valid until the
   next call; NULL at the end (errno 0) or on an error (errno set). */
const char *
platform_dir_next(struct platform_dir *d);
void
platform_dir_close(struct platform_dir *d);

#endif
