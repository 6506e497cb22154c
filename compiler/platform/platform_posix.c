/*
 * platform_posix.c - platform.h on glibc, musl and other POSIX.1-2008
 * systems: mmap, fopencookie, pthreads, sigaction, open/read/fstat,
 * mkstemp, rename, posix_spawnp, opendir.
 *
 * Owns: the interrupt handler's one cleanup function, and the mutex that
 * platform_once takes.  Everything else is a thin call to the system.
 */
#define _GNU_SOURCE /* fopencookie, MAP_ANONYMOUS, MADV_HUGEPAGE, O_CLOEXEC */
#include "platform/platform.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio_ext.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* --- start-up ---------------------------------------------------------------- */

void
platform_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

bool
platform_user_language_zh(void)
{
    return false;
}

/* --- memory ------------------------------------------------------------------ */

void *
platform_map(size_t len)
{
#if defined(MAP_ANONYMOUS)
    if (len > SIZE_MAX - PLATFORM_HUGE_PAGE)
        return NULL;
    unsigned char *raw = mmap(NULL, len + PLATFORM_HUGE_PAGE, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    /* Trim to an aligned run of len bytes. */
    uintptr_t start = ((uintptr_t)raw + PLATFORM_HUGE_PAGE - 1) & ~(uintptr_t)(PLATFORM_HUGE_PAGE - 1);
    size_t head = start - (uintptr_t)raw;
    if (head > 0)
        munmap(raw, head);
    munmap((unsigned char *)start + len, PLATFORM_HUGE_PAGE - head);
#if defined(MADV_HUGEPAGE)
    madvise((void *)start, len, MADV_HUGEPAGE);
#endif
    return (void *)start;
#else
    (void)len;
    return NULL;
#endif
}

void
platform_unmap(void *p, size_t len)
{
    munmap(p, len);
}

/* --- an in-memory stream ----------------------------------------------------- */

/*
 * What open_memstream() does, without its cost: glibc's copies the buffer
 * into a fresh one and clears the new half at every doubling.  This one
 * grows with realloc() (a remapping, not a copy, once it is large).
 */
enum { FIRST_CAPACITY = 64 * 1024 };

struct memstream {
    char *buf;
    size_t len, cap;
    char **text; /* where the buffer goes on close */
    size_t *text_len;
};

static ssize_t
mem_write(void *cookie, const char *bytes, size_t size)
{
    struct memstream *m = cookie;
    if (size > m->cap - m->len) {
        size_t cap = m->cap != 0 ? m->cap : FIRST_CAPACITY;
        while (cap - m->len < size) {
            if (cap > SIZE_MAX / 2) {
                errno = ENOMEM;
                return 0;
            }
            cap *= 2;
        }
        char *bigger = realloc(m->buf, cap);
        if (bigger == NULL) {
            errno = ENOMEM;
            return 0;
        }
        m->buf = bigger;
        m->cap = cap;
    }
    memcpy(m->buf + m->len, bytes, size);
    m->len += size;
    return (ssize_t)size;
}

static int
mem_close(void *cookie)
{
    struct memstream *m = cookie;
    *m->text = m->buf;
    *m->text_len = m->len;
    free(m);
    return 0;
}

FILE *
platform_memstream_open(char **text, size_t *len)
{
    struct memstream *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->text = text;
    m->text_len = len;
    *text = NULL;
    *len = 0;
    cookie_io_functions_t io = {.write = mem_write, .close = mem_close};
    FILE *f = fopencookie(m, "w", io);
    if (f == NULL)
        free(m);
    return f;
}

int
platform_memstream_close(FILE *f)
{
    return fclose(f);
}

/* --- threads ------------------------------------------------------------------ */

struct platform_mutex {
    pthread_mutex_t m;
};
struct platform_cond {
    pthread_cond_t c;
};
struct platform_thread {
    pthread_t t;
    void (*fn)(void *);
    void *arg;
};

struct platform_mutex *
platform_mutex_new(void)
{
    struct platform_mutex *m = malloc(sizeof *m);
    if (m != NULL && pthread_mutex_init(&m->m, NULL) != 0) {
        free(m);
        m = NULL;
    }
    return m;
}

void
platform_mutex_free(struct platform_mutex *m)
{
    if (m != NULL)
        pthread_mutex_destroy(&m->m);
    free(m);
}

void
platform_mutex_lock(struct platform_mutex *m)
{
    pthread_mutex_lock(&m->m);
}

void
platform_mutex_unlock(struct platform_mutex *m)
{
    pthread_mutex_unlock(&m->m);
}

struct platform_cond *
platform_cond_new(void)
{
    struct platform_cond *c = malloc(sizeof *c);
    if (c != NULL && pthread_cond_init(&c->c, NULL) != 0) {
        free(c);
        c = NULL;
    }
    return c;
}

void
platform_cond_free(struct platform_cond *c)
{
    if (c != NULL)
        pthread_cond_destroy(&c->c);
    free(c);
}

void
platform_cond_wait(struct platform_cond *c, struct platform_mutex *m)
{
    pthread_cond_wait(&c->c, &m->m);
}

void
platform_cond_broadcast(struct platform_cond *c)
{
    pthread_cond_broadcast(&c->c);
}

static const int interrupt_signals[] = {SIGINT, SIGTERM, SIGHUP};

static void
interrupt_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < sizeof interrupt_signals / sizeof interrupt_signals[0]; i++)
        sigaddset(set, interrupt_signals[i]);
}

static void *
thread_main(void *arg)
{
    struct platform_thread *t = arg;
    t->fn(t->arg);
    return NULL;
}

struct platform_thread *
platform_thread_start(void (*fn)(void *arg), void *arg)
{
    struct platform_thread *t = malloc(sizeof *t);
    if (t == NULL)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    sigset_t stop, old;
    interrupt_set(&stop);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    int e = pthread_create(&t->t, NULL, thread_main, t);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (e != 0) {
        free(t);
        return NULL;
    }
    return t;
}

void
platform_thread_join(struct platform_thread *t)
{
    pthread_join(t->t, NULL);
    free(t);
}

unsigned
platform_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 65536 ? 65536 : (unsigned)n;
}

static pthread_mutex_t once_mutex = PTHREAD_MUTEX_INITIALIZER;

void
platform_once(struct platform_once *once, void (*fn)(void))
{
    if (__atomic_load_n(&once->state, __ATOMIC_ACQUIRE) == 2)
        return;
    pthread_mutex_lock(&once_mutex);
    if (once->state != 2) {
        fn();
        __atomic_store_n(&once->state, 2, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&once_mutex);
}

/* --- interrupts ------------------------------------------------------------------ */

static void (*volatile interrupt_cleanup)(void);

static void
on_signal(int sig)
{
    if (interrupt_cleanup != NULL)
        interrupt_cleanup();
    _exit(128 + sig);
}

void
platform_on_interrupt(void (*cleanup)(void))
{
    if (interrupt_cleanup != NULL)
        return;
    interrupt_cleanup = cleanup;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    interrupt_set(&sa.sa_mask);
    for (size_t i = 0; i < sizeof interrupt_signals / sizeof interrupt_signals[0]; i++) {
        struct sigaction old;
        if (sigaction(interrupt_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(interrupt_signals[i], &sa, NULL);
    }
}

static sigset_t held_mask;

void
platform_interrupts_hold(void)
{
    sigset_t set;
    interrupt_set(&set);
    pthread_sigmask(SIG_BLOCK, &set, &held_mask);
}

void
platform_interrupts_allow(void)
{
    pthread_sigmask(SIG_SETMASK, &held_mask, NULL);
}

/* --- files ------------------------------------------------------------------- */

static void
from_stat(const struct stat *s, struct platform_stat *st)
{
    st->kind = S_ISREG(s->st_mode)   ? PLATFORM_REGULAR
               : S_ISDIR(s->st_mode) ? PLATFORM_DIRECTORY
               : S_ISLNK(s->st_mode) ? PLATFORM_SYMLINK
               : S_ISCHR(s->st_mode) ? PLATFORM_CHAR_DEVICE
                                     : PLATFORM_OTHER;
    st->size = s->st_size > 0 ? (unsigned long long)s->st_size : 0;
    st->dev = (unsigned long long)s->st_dev;
    st->ino = (unsigned long long)s->st_ino;
    st->links = (unsigned long)s->st_nlink;
    st->mode = (unsigned)(s->st_mode & 07777);
    st->uid = (unsigned long)s->st_uid;
    st->gid = (unsigned long)s->st_gid;
}

int
platform_stat(const char *path, struct platform_stat *st)
{
    struct stat s;
    if (stat(path, &s) != 0)
        return -1;
    from_stat(&s, st);
    return 0;
}

int
platform_lstat(const char *path, struct platform_stat *st)
{
    struct stat s;
    if (lstat(path, &s) != 0)
        return -1;
    from_stat(&s, st);
    return 0;
}

int
platform_fstat(int fd, struct platform_stat *st)
{
    struct stat s;
    if (fstat(fd, &s) != 0)
        return -1;
    from_stat(&s, st);
    return 0;
}

FILE *
platform_fopen(const char *path, const char *mode)
{
    return fopen(path, mode);
}

int
platform_open_read(const char *path, bool no_wait)
{
    return open(path, O_RDONLY | O_CLOEXEC | (no_wait ? O_NONBLOCK : 0));
}

long long
platform_read(int fd, void *buf, size_t n)
{
    for (;;) {
        ssize_t r = read(fd, buf, n);
        if (r >= 0 || errno != EINTR)
            return r;
    }
}

bool
platform_write_fd(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

bool
platform_input_ready(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}

int
platform_close(int fd)
{
    return close(fd);
}

bool
platform_isatty(int fd)
{
    return isatty(fd) != 0;
}

char *
platform_realpath(const char *path)
{
    return realpath(path, NULL);
}

char *
platform_getcwd(void)
{
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf) == NULL)
        return NULL;
    return strdup(buf);
}

bool
platform_path_is_absolute(const char *path)
{
    return path[0] == '/';
}

bool
platform_is_separator(char c)
{
    return c == '/';
}

const char *
platform_last_separator(const char *path)
{
    return strrchr(path, '/');
}

int
platform_mkdir(const char *path)
{
    return mkdir(path, 0777);
}

int
platform_remove(const char *path)
{
    return unlink(path);
}

void
platform_remove_quick(const char *path)
{
    unlink(path);
}

int
platform_rename_replace(const char *from, const char *to)
{
    return rename(from, to);
}

bool
platform_writable(const char *path)
{
    return access(path, W_OK) == 0;
}

/* --- temporary files ----------------------------------------------------------- */

const char *
platform_tmpdir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir != NULL && dir[0] != '\0' ? dir : "/tmp";
}

int
platform_mkstemp(char *template)
{
    return mkstemp(template);
}

char *
platform_mkdtemp(char *template)
{
    return mkdtemp(template);
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void
platform_remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

FILE *
platform_fdopen_write(int fd)
{
    return fdopen(fd, "wb");
}

int
platform_sync(FILE *fp)
{
    return fsync(fileno(fp));
}

void
platform_sync_directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) + 1, path);
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd); /* not every file system can sync a directory: best effort */
        close(fd);
    }
}

void
platform_keep_attributes(int fd, const struct platform_stat *old, int *owner_error)
{
    struct stat now;
    uid_t uid = (uid_t)old->uid;
    gid_t gid = (gid_t)old->gid;
    if (fstat(fd, &now) == 0 && (now.st_uid != uid || now.st_gid != gid)) {
        /* Owner first: chown may clear the set-id bits that fchmod then sets. */
        if (fchown(fd, uid, gid) != 0) {
            *owner_error = errno;
            if (now.st_uid == uid && fchown(fd, (uid_t)-1, gid) == 0)
                *owner_error = 0; /* only the group differed, and it is ours to give */
        }
    }
    fchmod(fd, (mode_t)old->mode);
}

/* 0666 less the umask, read once (umask() can only be read by setting it). */
void
platform_new_file_attributes(int fd)
{
    static mode_t mode = (mode_t)-1;
    if (mode == (mode_t)-1) {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    fchmod(fd, mode);
}

int
platform_fileno(FILE *fp)
{
    return fileno(fp);
}

void
platform_stream_single_thread(FILE *fp)
{
#ifdef __GLIBC__
    __fsetlocking(fp, FSETLOCKING_BYCALLER);
#else
    (void)fp;
#endif
}

/* --- the standard streams ------------------------------------------------------ */

void
platform_guard_standard_streams(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int null = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (null >= 0 && null != fd) {
            dup2(null, fd);
            close(null);
        }
    }
}

bool
platform_stream_read_only(FILE *fp)
{
    int flags = fcntl(fileno(fp), F_GETFL);
    return flags == -1 || (flags & O_ACCMODE) == O_RDONLY;
}

void
platform_write(FILE *out, const char *bytes, size_t n)
{
    fwrite(bytes, 1, n, out);
}

/* --- running programs ---------------------------------------------------------- */

/* Waits for pid: its exit status, or -1 when it did not exit (a signal). */
static int
wait_exit(pid_t pid)
{
    int wst;
    while (waitpid(pid, &wst, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(wst) ? WEXITSTATUS(wst) : -1;
}

/* Reads fd to its end into a malloc'd buffer; NULL when memory runs out. */
static char *
read_all(int fd, size_t *len)
{
    char *buf = NULL;
    size_t used = 0, cap = 0;
    for (;;) {
        if (used == cap) {
            char *nb = cap < (size_t)1 << 30 ? realloc(buf, cap ? cap * 2 : 65536) : NULL;
            if (nb == NULL) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap = cap ? cap * 2 : 65536;
        }
        ssize_t n = read(fd, buf + used, cap - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0) {
                free(buf);
                return NULL;
            }
            break;
        }
        used += (size_t)n;
    }
    *len = used;
    return buf;
}

int
platform_run(const char *const argv[], enum platform_run_output output, char **captured,
             size_t *captured_len, int *err)
{
    *err = 0;
    int fd[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (output == PLATFORM_RUN_CAPTURE) {
        *captured = NULL;
        *captured_len = 0;
        if (pipe(fd) != 0) {
            *err = errno;
            posix_spawn_file_actions_destroy(&fa);
            return -1;
        }
        posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&fa, fd[0]);
        posix_spawn_file_actions_addclose(&fa, fd[1]);
    } else if (output == PLATFORM_RUN_SILENT) {
        posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    pid_t pid;
    int e = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (fd[1] >= 0)
        close(fd[1]);
    if (e != 0) {
        if (fd[0] >= 0)
            close(fd[0]);
        *err = e;
        return -1;
    }
    if (output == PLATFORM_RUN_CAPTURE) {
        *captured = read_all(fd[0], captured_len);
        close(fd[0]);
    }
    return wait_exit(pid);
}

/* --- directories ----------------------------------------------------------------- */

struct platform_dir {
    DIR *d;
};

struct platform_dir *
platform_dir_open(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    struct platform_dir *pd = malloc(sizeof *pd);
    if (pd == NULL) {
        closedir(d);
        errno = ENOMEM;
        return NULL;
    }
    pd->d = d;
    return pd;
}

const char *
platform_dir_next(struct platform_dir *d)
{
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d->d);
        if (e == NULL)
            return NULL;
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            return e->d_name;
    }
}

void
platform_dir_close(struct platform_dir *d)
{
    closedir(d->d);
    free(d);
}
