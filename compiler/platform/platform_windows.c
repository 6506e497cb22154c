/*
 * platform_windows.c - platform.h on Windows (mingw-w64, the Win32 API and
 * msvcrt), for goalc.exe (make dist).
 *
 * Paths arrive in UTF-8 and are turned into UTF-16 for the W functions
 * (_wfopen, CreateFileW, MoveFileExW…), so names in Chinese work whatever
 * the system's ANSI code page; '/' and '\\' both separate, and the paths
 * this file returns (platform_realpath, platform_getcwd) use '/', so the
 * driver compares them as it does on POSIX.  The command line comes from
 * GetCommandLineW; the standard streams are binary, so every output is
 * the same bytes as on Linux; a console gets characters (WriteConsoleW).
 *
 * Owns: the UTF-8 argv, the list of open in-memory streams (each a
 * temporary file deleted on close, read back into memory by
 * platform_memstream_close: msvcrt has no fopencookie), the interrupt
 * lock, and the carry of a UTF-8 sequence split between two console
 * writes.  What Windows has no equivalent for is documented where it is
 * skipped: directory fsync, owners, permission bits beyond read-only.
 */
#include "platform/platform.h"

#include <windows.h>

#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <limits.h>
#include <process.h>
#include <shellapi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

/* --- UTF-8 and UTF-16 --------------------------------------------------------- */

/* s in UTF-16, malloc'd; NULL (errno) when it is not UTF-8 or memory runs out. */
static wchar_t *
widen(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0) {
        errno = EINVAL;
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (w == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
    return w;
}

/* w in UTF-8, malloc'd; NULL when memory runs out. */
static char *
narrow(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0) {
        errno = EINVAL;
        return NULL;
    }
    char *s = malloc((size_t)n);
    if (s == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    return s;
}

/* errno for the last Win32 error. */
static int
errno_of_last_error(void)
{
    switch (GetLastError()) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:
    case ERROR_BAD_NETPATH:
    case ERROR_INVALID_DRIVE:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return EACCES;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        return EEXIST;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return ENOMEM;
    case ERROR_DIRECTORY:
        return ENOTDIR;
    case ERROR_DIR_NOT_EMPTY:
        return ENOTEMPTY;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    default:
        return EIO;
    }
}

static void
to_forward_slashes(char *s)
{
    for (; *s != '\0'; s++)
        if (*s == '\\')
            *s = '/';
}

/* --- start-up ---------------------------------------------------------------- */

void
platform_init(int *argc, char ***argv)
{
    int n = 0;
    wchar_t **wargv = CommandLineToArgvW(GetCommandLineW(), &n);
    if (wargv != NULL) {
        char **args = calloc((size_t)n + 1, sizeof *args);
        bool ok = args != NULL;
        for (int i = 0; ok && i < n; i++)
            ok = (args[i] = narrow(wargv[i])) != NULL;
        if (ok) {
            *argc = n;
            *argv = args; /* kept for the life of the process */
        }
        LocalFree(wargv);
    }
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    /* What does not go through platform_write (usage text) is UTF-8 too. */
    SetConsoleOutputCP(CP_UTF8);
}

bool
platform_user_language_zh(void)
{
    return PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_CHINESE;
}

/* --- memory ------------------------------------------------------------------ */

void *
platform_map(size_t len)
{
    /* Zeroed, 64 KB aligned; huge pages need a privilege users do not have. */
    return VirtualAlloc(NULL, len, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
}

void
platform_unmap(void *p, size_t len)
{
    (void)len;
    VirtualFree(p, 0, MEM_RELEASE);
}

/* --- an in-memory stream ----------------------------------------------------- */

struct memstream {
    FILE *f;
    char **text;
    size_t *len;
    struct memstream *next;
};

static SRWLOCK memstreams_lock = SRWLOCK_INIT;
static struct memstream *memstreams;

/* A new temporary file, deleted when closed, open for reading and writing. */
static FILE *
temporary_stream(void)
{
    wchar_t dir[MAX_PATH + 1], path[MAX_PATH + 1];
    DWORD n = GetTempPathW(MAX_PATH + 1, dir);
    if (n == 0 || n > MAX_PATH || GetTempFileNameW(dir, L"glc", 0, path) == 0) {
        errno = errno_of_last_error();
        return NULL;
    }
    /* "D": removed when closed (_O_TEMPORARY); "T": kept in the cache if it fits. */
    FILE *f = _wfopen(path, L"w+bTD");
    if (f == NULL)
        DeleteFileW(path);
    return f;
}

FILE *
platform_memstream_open(char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    struct memstream *m = malloc(sizeof *m);
    if (m == NULL)
        return NULL;
    if ((m->f = temporary_stream()) == NULL) {
        free(m);
        return NULL;
    }
    m->text = text;
    m->len = len;
    AcquireSRWLockExclusive(&memstreams_lock);
    m->next = memstreams;
    memstreams = m;
    ReleaseSRWLockExclusive(&memstreams_lock);
    return m->f;
}

int
platform_memstream_close(FILE *f)
{
    AcquireSRWLockExclusive(&memstreams_lock);
    struct memstream **p = &memstreams;
    while (*p != NULL && (*p)->f != f)
        p = &(*p)->next;
    struct memstream *m = *p;
    if (m != NULL)
        *p = m->next;
    ReleaseSRWLockExclusive(&memstreams_lock);
    if (m == NULL)
        return fclose(f);
    int result = 0;
    long long size = -1;
    if (fflush(f) != 0 || ferror(f) || _fseeki64(f, 0, SEEK_END) != 0 ||
        (size = _ftelli64(f)) < 0 || _fseeki64(f, 0, SEEK_SET) != 0)
        result = EOF;
    if (result == 0 && size > 0) {
        char *buf = (unsigned long long)size < SIZE_MAX ? malloc((size_t)size) : NULL;
        if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
            free(buf);
            errno = ENOMEM;
            result = EOF;
        } else {
            *m->text = buf;
            *m->len = (size_t)size;
        }
    }
    if (fclose(f) != 0)
        result = EOF;
    free(m);
    return result;
}

/* --- threads ------------------------------------------------------------------ */

struct platform_mutex {
    SRWLOCK lock;
};
struct platform_cond {
    CONDITION_VARIABLE cv;
};
struct platform_thread {
    HANDLE h;
    void (*fn)(void *);
    void *arg;
};

struct platform_mutex *
platform_mutex_new(void)
{
    struct platform_mutex *m = malloc(sizeof *m);
    if (m != NULL)
        InitializeSRWLock(&m->lock);
    return m;
}

void
platform_mutex_free(struct platform_mutex *m)
{
    free(m);
}

void
platform_mutex_lock(struct platform_mutex *m)
{
    AcquireSRWLockExclusive(&m->lock);
}

void
platform_mutex_unlock(struct platform_mutex *m)
{
    ReleaseSRWLockExclusive(&m->lock);
}

struct platform_cond *
platform_cond_new(void)
{
    struct platform_cond *c = malloc(sizeof *c);
    if (c != NULL)
        InitializeConditionVariable(&c->cv);
    return c;
}

void
platform_cond_free(struct platform_cond *c)
{
    free(c);
}

void
platform_cond_wait(struct platform_cond *c, struct platform_mutex *m)
{
    SleepConditionVariableSRW(&c->cv, &m->lock, INFINITE, 0);
}

void
platform_cond_broadcast(struct platform_cond *c)
{
    WakeAllConditionVariable(&c->cv);
}

static unsigned __stdcall
thread_main(void *arg)
{
    struct platform_thread *t = arg;
    t->fn(t->arg);
    return 0;
}

/* Console interrupts arrive on a thread of their own: nothing to block. */
struct platform_thread *
platform_thread_start(void (*fn)(void *arg), void *arg)
{
    struct platform_thread *t = malloc(sizeof *t);
    if (t == NULL)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    uintptr_t h = _beginthreadex(NULL, 0, thread_main, t, 0, NULL);
    if (h == 0) {
        free(t);
        return NULL;
    }
    t->h = (HANDLE)h;
    return t;
}

void
platform_thread_join(struct platform_thread *t)
{
    WaitForSingleObject(t->h, INFINITE);
    CloseHandle(t->h);
    free(t);
}

unsigned
platform_processors(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    return si.dwNumberOfProcessors < 1 ? 1 : (unsigned)si.dwNumberOfProcessors;
}

static SRWLOCK once_lock = SRWLOCK_INIT;

void
platform_once(struct platform_once *once, void (*fn)(void))
{
    if (InterlockedCompareExchange((volatile LONG *)&once->state, 2, 2) == 2)
        return;
    AcquireSRWLockExclusive(&once_lock);
    if (once->state != 2) {
        fn();
        InterlockedExchange((volatile LONG *)&once->state, 2);
    }
    ReleaseSRWLockExclusive(&once_lock);
}

/* --- interrupts ------------------------------------------------------------------ */

static void (*volatile interrupt_cleanup)(void);
static SRWLOCK interrupt_lock = SRWLOCK_INIT;

static BOOL WINAPI
on_console_event(DWORD event)
{
    (void)event;
    /* Waits while the main thread holds interrupts off (a rename in flight). */
    AcquireSRWLockExclusive(&interrupt_lock);
    if (interrupt_cleanup != NULL)
        interrupt_cleanup();
    ExitProcess(130);
    return TRUE;
}

void
platform_on_interrupt(void (*cleanup)(void))
{
    if (interrupt_cleanup != NULL)
        return;
    interrupt_cleanup = cleanup;
    SetConsoleCtrlHandler(on_console_event, TRUE);
}

void
platform_interrupts_hold(void)
{
    AcquireSRWLockExclusive(&interrupt_lock);
}

void
platform_interrupts_allow(void)
{
    ReleaseSRWLockExclusive(&interrupt_lock);
}

/* --- files ------------------------------------------------------------------- */

static int
stat_handle(HANDLE h, struct platform_stat *st)
{
    memset(st, 0, sizeof *st);
    DWORD type = GetFileType(h);
    if (type == FILE_TYPE_CHAR) {
        st->kind = PLATFORM_CHAR_DEVICE;
        st->mode = 0666;
        return 0;
    }
    if (type == FILE_TYPE_PIPE) {
        st->kind = PLATFORM_OTHER;
        st->mode = 0666;
        return 0;
    }
    BY_HANDLE_FILE_INFORMATION info;
    if (!GetFileInformationByHandle(h, &info)) {
        errno = errno_of_last_error();
        return -1;
    }
    bool dir = (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
    st->kind = dir ? PLATFORM_DIRECTORY : PLATFORM_REGULAR;
    st->size = (unsigned long long)info.nFileSizeHigh << 32 | info.nFileSizeLow;
    st->dev = info.dwVolumeSerialNumber;
    st->ino = (unsigned long long)info.nFileIndexHigh << 32 | info.nFileIndexLow;
    st->links = info.nNumberOfLinks;
    st->mode = (info.dwFileAttributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
    if (dir)
        st->mode |= 0111;
    return 0;
}

static HANDLE
open_for_query(const char *path, DWORD flags)
{
    wchar_t *w = widen(path);
    if (w == NULL)
        return INVALID_HANDLE_VALUE;
    HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | flags, NULL);
    if (h == INVALID_HANDLE_VALUE)
        errno = errno_of_last_error();
    free(w);
    return h;
}

int
platform_stat(const char *path, struct platform_stat *st)
{
    HANDLE h = open_for_query(path, 0);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    int r = stat_handle(h, st);
    CloseHandle(h);
    return r;
}

int
platform_lstat(const char *path, struct platform_stat *st)
{
    HANDLE h = open_for_query(path, FILE_FLAG_OPEN_REPARSE_POINT);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    int r = stat_handle(h, st);
    FILE_ATTRIBUTE_TAG_INFO tag;
    if (r == 0 && GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof tag) &&
        (tag.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) && tag.ReparseTag == IO_REPARSE_TAG_SYMLINK)
        st->kind = PLATFORM_SYMLINK;
    CloseHandle(h);
    return r;
}

int
platform_fstat(int fd, struct platform_stat *st)
{
    intptr_t h = _get_osfhandle(fd);
    if (h == -1) {
        errno = EBADF;
        return -1;
    }
    return stat_handle((HANDLE)h, st);
}

FILE *
platform_fopen(const char *path, const char *mode)
{
    wchar_t wmode[8];
    size_t n = 0;
    bool binary = false;
    for (; *mode != '\0' && n < 6; mode++) {
        binary |= *mode == 'b';
        wmode[n++] = (wchar_t)(unsigned char)*mode;
    }
    if (!binary)
        wmode[n++] = L'b';
    wmode[n] = L'\0';
    wchar_t *w = widen(path);
    if (w == NULL)
        return NULL;
    FILE *f = _wfopen(w, wmode);
    free(w);
    return f;
}

int
platform_open_read(const char *path, bool no_wait)
{
    (void)no_wait; /* no FIFOs to wait on */
    wchar_t *w = widen(path);
    if (w == NULL)
        return -1;
    int fd = _wopen(w, _O_RDONLY | _O_BINARY | _O_NOINHERIT);
    if (fd < 0 && errno == EACCES) {
        /* msvcrt says EACCES for a directory, where POSIX says EISDIR. */
        DWORD attributes = GetFileAttributesW(w);
        if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY))
            errno = EISDIR;
    }
    free(w);
    return fd;
}

long long
platform_read(int fd, void *buf, size_t n)
{
    return _read(fd, buf, n > INT_MAX ? INT_MAX : (unsigned)n);
}

bool
platform_write_fd(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        int w = _write(fd, p, n > INT_MAX ? INT_MAX : (unsigned)n);
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
    /* When in doubt, no: a caller that goes on to read would wait, while
       one told "no" only does its work before it reads (goalc lsp publishes
       diagnostics a change early). */
    intptr_t h = _get_osfhandle(fd);
    if (h == -1)
        return false;
    switch (GetFileType((HANDLE)h)) {
    case FILE_TYPE_PIPE: {
        DWORD avail = 0;
        return PeekNamedPipe((HANDLE)h, NULL, 0, NULL, &avail, NULL) && avail > 0;
    }
    case FILE_TYPE_CHAR:
        return WaitForSingleObject((HANDLE)h, 0) == WAIT_OBJECT_0;
    case FILE_TYPE_DISK:
        return true; /* a file's read never waits */
    default:
        return false;
    }
}

int
platform_close(int fd)
{
    return _close(fd);
}

bool
platform_isatty(int fd)
{
    intptr_t h = _get_osfhandle(fd);
    DWORD mode;
    return h != -1 && GetConsoleMode((HANDLE)h, &mode);
}

char *
platform_realpath(const char *path)
{
    HANDLE h = open_for_query(path, 0);
    if (h == INVALID_HANDLE_VALUE)
        return NULL;
    DWORD n = GetFinalPathNameByHandleW(h, NULL, 0, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    wchar_t *w = n > 0 ? malloc((n + 1) * sizeof *w) : NULL;
    char *s = NULL;
    if (w != NULL && GetFinalPathNameByHandleW(h, w, n + 1, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS) > 0) {
        /* \\?\C:\dir -> C:\dir; \\?\UNC\server\share -> \\server\share */
        const wchar_t *p = w;
        if (wcsncmp(p, L"\\\\?\\UNC\\", 8) == 0) {
            p += 6;
            w[6] = L'\\';
        } else if (wcsncmp(p, L"\\\\?\\", 4) == 0) {
            p += 4;
        }
        s = narrow(p);
        if (s != NULL)
            to_forward_slashes(s);
    } else if (w != NULL || n == 0) {
        errno = errno_of_last_error();
    } else {
        errno = ENOMEM;
    }
    free(w);
    CloseHandle(h);
    return s;
}

char *
platform_getcwd(void)
{
    wchar_t *w = _wgetcwd(NULL, 0);
    if (w == NULL)
        return NULL;
    char *s = narrow(w);
    free(w);
    if (s != NULL)
        to_forward_slashes(s);
    return s;
}

bool
platform_path_is_absolute(const char *path)
{
    if (path[0] == '/' || path[0] == '\\')
        return true;
    return ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) &&
           path[1] == ':' && (path[2] == '/' || path[2] == '\\');
}

bool
platform_is_separator(char c)
{
    return c == '/' || c == '\\';
}

const char *
platform_last_separator(const char *path)
{
    const char *a = strrchr(path, '/'), *b = strrchr(path, '\\');
    return a == NULL ? b : b == NULL ? a : a > b ? a : b;
}

int
platform_mkdir(const char *path)
{
    wchar_t *w = widen(path);
    if (w == NULL)
        return -1;
    int r = _wmkdir(w);
    free(w);
    return r;
}

int
platform_remove(const char *path)
{
    wchar_t *w = widen(path);
    if (w == NULL)
        return -1;
    int r = _wremove(w);
    free(w);
    return r;
}

void
platform_remove_quick(const char *path)
{
    /* The console handler runs on a thread of its own: any call is safe. */
    platform_remove(path);
}

int
platform_rename_replace(const char *from, const char *to)
{
    wchar_t *wf = widen(from), *wt = widen(to);
    int r = -1;
    if (wf != NULL && wt != NULL) {
        if (MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            r = 0;
        else
            errno = errno_of_last_error();
    }
    free(wf);
    free(wt);
    return r;
}

bool
platform_writable(const char *path)
{
    wchar_t *w = widen(path);
    if (w == NULL)
        return false;
    bool ok = _waccess(w, 2) == 0;
    free(w);
    return ok;
}

/* --- temporary files ----------------------------------------------------------- */

static char tmpdir[4 * MAX_PATH];
static INIT_ONCE tmpdir_once = INIT_ONCE_STATIC_INIT;

/*
 * %TEMP% without its final backslash, in its short (8.3) form when the
 * long one is not ASCII: libxlsxwriter opens its files with the narrow
 * fopen, which cannot name C:\Users\张三\… in the ANSI code page.
 */
static BOOL CALLBACK
find_tmpdir(PINIT_ONCE once, PVOID param, PVOID *context)
{
    (void)once, (void)param, (void)context;
    wchar_t w[MAX_PATH + 1], s[MAX_PATH + 1];
    DWORD n = GetTempPathW(MAX_PATH + 1, w);
    if (n == 0 || n > MAX_PATH) {
        strcpy(tmpdir, ".");
        return TRUE;
    }
    if (GetShortPathNameW(w, s, MAX_PATH + 1) > 0)
        wcscpy(w, s);
    n = (DWORD)wcslen(w);
    if (n > 3 && (w[n - 1] == L'\\' || w[n - 1] == L'/'))
        w[n - 1] = L'\0';
    if (WideCharToMultiByte(CP_UTF8, 0, w, -1, tmpdir, sizeof tmpdir, NULL, NULL) <= 0)
        strcpy(tmpdir, ".");
    return TRUE;
}

const char *
platform_tmpdir(void)
{
    InitOnceExecuteOnce(&tmpdir_once, find_tmpdir, NULL, NULL);
    return tmpdir;
}

/* Replaces the XXXXXX at the end of template with fresh letters; false when there is none. */
static bool
fill_template(char *template, unsigned attempt)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    size_t n = strlen(template);
    if (n < 6 || strcmp(template + n - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return false;
    }
    static volatile LONG counter;
    unsigned long long v = (unsigned long long)GetTickCount64() * 2654435761u ^
                           (unsigned long long)GetCurrentProcessId() << 20 ^
                           (unsigned long long)InterlockedIncrement(&counter) * 40503u ^ attempt;
    for (size_t i = n - 6; i < n; i++) {
        template[i] = letters[v % 36];
        v /= 36;
    }
    return true;
}

int
platform_mkstemp(char *template)
{
    size_t n = strlen(template);
    char saved[6];
    if (n >= 6)
        memcpy(saved, template + n - 6, 6);
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        if (attempt > 0)
            memcpy(template + n - 6, saved, 6);
        if (!fill_template(template, attempt))
            return -1;
        wchar_t *w = widen(template);
        if (w == NULL)
            return -1;
        /* CreateFileW, not _wopen: FILE_SHARE_DELETE lets the console
           handler remove the temporary while it is still open (Ctrl-C
           during a write); _wopen's sharing refuses that, and the
           temporary stayed.  Not inherited (no security attributes). */
        HANDLE h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE,
                               FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                               CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        free(w);
        if (h == INVALID_HANDLE_VALUE) {
            errno = errno_of_last_error();
            if (errno != EEXIST)
                return -1;
            continue;
        }
        int fd = _open_osfhandle((intptr_t)h, _O_RDWR | _O_BINARY);
        if (fd < 0)
            CloseHandle(h);
        return fd;
    }
    return -1;
}

char *
platform_mkdtemp(char *template)
{
    size_t n = strlen(template);
    char saved[6];
    if (n >= 6)
        memcpy(saved, template + n - 6, 6);
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        if (attempt > 0)
            memcpy(template + n - 6, saved, 6);
        if (!fill_template(template, attempt))
            return NULL;
        if (platform_mkdir(template) == 0)
            return template;
        if (errno != EEXIST)
            return NULL;
    }
    return NULL;
}

void
platform_remove_tree(const char *dir)
{
    struct platform_dir *d = platform_dir_open(dir);
    if (d != NULL) {
        const char *name;
        while ((name = platform_dir_next(d)) != NULL) {
            size_t n = strlen(dir) + strlen(name) + 2;
            char *path = malloc(n);
            if (path == NULL)
                break;
            snprintf(path, n, "%s/%s", dir, name);
            struct platform_stat st;
            if (platform_lstat(path, &st) == 0 && st.kind == PLATFORM_DIRECTORY)
                platform_remove_tree(path);
            else
                platform_remove(path);
            free(path);
        }
        platform_dir_close(d);
    }
    wchar_t *w = widen(dir);
    if (w != NULL)
        _wrmdir(w);
    free(w);
}

FILE *
platform_fdopen_write(int fd)
{
    return _fdopen(fd, "wb");
}

int
platform_sync(FILE *fp)
{
    if (fflush(fp) != 0)
        return -1;
    return _commit(_fileno(fp));
}

void
platform_sync_directory_of(const char *path)
{
    (void)path; /* NTFS journals the rename itself; a directory cannot be flushed */
}

void
platform_keep_attributes(int fd, const struct platform_stat *old, int *owner_error)
{
    /* No owners or groups to keep; the read-only bit is refused earlier
       (OUTPUT_REWRITE) and a read-only target cannot be replaced anyway. */
    (void)fd, (void)old, (void)owner_error;
}

void
platform_new_file_attributes(int fd)
{
    (void)fd; /* created read-write (_S_IWRITE): what 0666 means here */
}

int
platform_fileno(FILE *fp)
{
    return _fileno(fp);
}

void
platform_stream_single_thread(FILE *fp)
{
    (void)fp; /* msvcrt locks each call; nothing to turn off */
}

/* --- the standard streams ------------------------------------------------------ */

void
platform_guard_standard_streams(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (_get_osfhandle(fd) != -1)
            continue;
        int null = _open("NUL", fd == 0 ? _O_WRONLY : _O_RDONLY);
        if (null >= 0 && null != fd) {
            _dup2(null, fd);
            _close(null);
        }
    }
}

bool
platform_stream_read_only(FILE *fp)
{
    /* msvcrt keeps a stream's direction to itself: only a closed one is told. */
    return _get_osfhandle(_fileno(fp)) == -1;
}

/* Bytes of a UTF-8 sequence begun at the end of the last console write. */
struct console_carry {
    char bytes[4];
    size_t n;
};
static struct console_carry carries[3];

/* The length of the UTF-8 sequence its lead byte c starts. */
static size_t
utf8_length(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static void
console_write(HANDLE h, struct console_carry *carry, const char *bytes, size_t n)
{
    char *joined = malloc(carry->n + n);
    if (joined == NULL)
        return;
    memcpy(joined, carry->bytes, carry->n);
    memcpy(joined + carry->n, bytes, n);
    size_t total = carry->n + n;
    /* Hold back a sequence the end cuts short, for the next write. */
    size_t keep = 0;
    for (size_t back = 1; back <= 3 && back <= total; back++) {
        unsigned char c = (unsigned char)joined[total - back];
        if ((c & 0xC0) == 0x80)
            continue;
        if (utf8_length(c) > back)
            keep = back;
        break;
    }
    carry->n = keep;
    memcpy(carry->bytes, joined + total - keep, keep);
    total -= keep;
    if (total > 0 && total <= INT_MAX) {
        int wn = MultiByteToWideChar(CP_UTF8, 0, joined, (int)total, NULL, 0);
        wchar_t *w = wn > 0 ? malloc((size_t)wn * sizeof *w) : NULL;
        if (w != NULL) {
            MultiByteToWideChar(CP_UTF8, 0, joined, (int)total, w, wn);
            for (int done = 0; done < wn;) {
                DWORD wrote = 0;
                if (!WriteConsoleW(h, w + done, (DWORD)(wn - done), &wrote, NULL) || wrote == 0)
                    break;
                done += (int)wrote;
            }
            free(w);
        }
    }
    free(joined);
}

void
platform_write(FILE *out, const char *bytes, size_t n)
{
    int fd = out == stdout ? 1 : out == stderr ? 2 : -1;
    if (fd > 0) {
        intptr_t h = _get_osfhandle(fd);
        DWORD mode;
        if (h != -1 && GetConsoleMode((HANDLE)h, &mode)) {
            fflush(out); /* what went through stdio comes first */
            console_write((HANDLE)h, &carries[fd], bytes, n);
            return;
        }
    }
    fwrite(bytes, 1, n, out);
}

/* --- running programs ---------------------------------------------------------- */

/* Appends arg to the command line as CommandLineToArgvW reads it back. */
static void
append_quoted(wchar_t *line, size_t *at, const wchar_t *arg)
{
    bool quote = arg[0] == L'\0' || wcspbrk(arg, L" \t\"") != NULL;
    if (quote)
        line[(*at)++] = L'"';
    for (const wchar_t *p = arg;; p++) {
        size_t backslashes = 0;
        while (*p == L'\\') {
            p++;
            backslashes++;
        }
        if (*p == L'\0') {
            /* Before the closing quote, backslashes are doubled. */
            for (size_t i = 0; i < (quote ? backslashes * 2 : backslashes); i++)
                line[(*at)++] = L'\\';
            break;
        }
        if (*p == L'"') {
            for (size_t i = 0; i < backslashes * 2 + 1; i++)
                line[(*at)++] = L'\\';
        } else {
            for (size_t i = 0; i < backslashes; i++)
                line[(*at)++] = L'\\';
        }
        line[(*at)++] = *p;
    }
    if (quote)
        line[(*at)++] = L'"';
}

static wchar_t *
command_line(const char *const argv[])
{
    size_t cap = 1;
    for (size_t i = 0; argv[i] != NULL; i++)
        cap += strlen(argv[i]) * 2 + 3;
    wchar_t *line = malloc(cap * sizeof *line);
    if (line == NULL)
        return NULL;
    size_t at = 0;
    for (size_t i = 0; argv[i] != NULL; i++) {
        wchar_t *w = widen(argv[i]);
        if (w == NULL) {
            free(line);
            return NULL;
        }
        if (i > 0)
            line[at++] = L' ';
        append_quoted(line, &at, w);
        free(w);
    }
    line[at] = L'\0';
    return line;
}

int
platform_run(const char *const argv[], enum platform_run_output output, char **captured,
             size_t *captured_len, int *err)
{
    *err = 0;
    if (output == PLATFORM_RUN_CAPTURE) {
        *captured = NULL;
        *captured_len = 0;
    }
    wchar_t *line = command_line(argv);
    if (line == NULL) {
        *err = errno;
        return -1;
    }
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE read_end = NULL, write_end = NULL, null_in = NULL, null_out = NULL;
    STARTUPINFOW si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    if (output != PLATFORM_RUN_INHERIT) {
        si.dwFlags = STARTF_USESTDHANDLES;
        si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
        si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
        si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    }
    if (output == PLATFORM_RUN_CAPTURE) {
        if (!CreatePipe(&read_end, &write_end, &sa, 0)) {
            *err = errno_of_last_error();
            free(line);
            return -1;
        }
        SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
        si.hStdOutput = write_end;
    } else if (output == PLATFORM_RUN_SILENT) {
        null_in = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                              OPEN_EXISTING, 0, NULL);
        null_out = CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa,
                               OPEN_EXISTING, 0, NULL);
        si.hStdInput = null_in;
        si.hStdOutput = si.hStdError = null_out;
    }
    PROCESS_INFORMATION pi;
    BOOL started = CreateProcessW(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    int e = started ? 0 : errno_of_last_error();
    free(line);
    if (write_end != NULL)
        CloseHandle(write_end);
    if (null_in != NULL && null_in != INVALID_HANDLE_VALUE)
        CloseHandle(null_in);
    if (null_out != NULL && null_out != INVALID_HANDLE_VALUE)
        CloseHandle(null_out);
    if (!started) {
        if (read_end != NULL)
            CloseHandle(read_end);
        *err = e;
        return -1;
    }
    if (output == PLATFORM_RUN_CAPTURE) {
        char *buf = NULL;
        size_t used = 0, cap = 0;
        bool ok = true;
        for (;;) {
            if (used == cap) {
                char *nb = cap < (size_t)1 << 30 ? realloc(buf, cap ? cap * 2 : 65536) : NULL;
                if (nb == NULL) {
                    ok = false;
                    break;
                }
                buf = nb;
                cap = cap ? cap * 2 : 65536;
            }
            DWORD got = 0;
            if (!ReadFile(read_end, buf + used, (DWORD)(cap - used), &got, NULL) || got == 0)
                break; /* ERROR_BROKEN_PIPE: the end */
            used += got;
        }
        CloseHandle(read_end);
        if (ok) {
            *captured = buf;
            *captured_len = used;
        } else {
            free(buf);
        }
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return (int)code;
}

/* --- directories ----------------------------------------------------------------- */

struct platform_dir {
    HANDLE h;
    bool first; /* data holds the first entry, not yet returned */
    WIN32_FIND_DATAW data;
    char *name;
};

struct platform_dir *
platform_dir_open(const char *dir)
{
    size_t n = strlen(dir);
    char *pattern = malloc(n + 3);
    if (pattern == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(pattern, dir, n);
    size_t at = n;
    if (at > 0 && !platform_is_separator(dir[at - 1]))
        pattern[at++] = '\\';
    pattern[at++] = '*';
    pattern[at] = '\0';
    wchar_t *w = widen(pattern);
    free(pattern);
    if (w == NULL)
        return NULL;
    struct platform_dir *d = calloc(1, sizeof *d);
    if (d == NULL) {
        free(w);
        errno = ENOMEM;
        return NULL;
    }
    d->h = FindFirstFileW(w, &d->data);
    free(w);
    if (d->h == INVALID_HANDLE_VALUE) {
        int e = errno_of_last_error();
        free(d);
        errno = e;
        return NULL;
    }
    d->first = true;
    return d;
}

const char *
platform_dir_next(struct platform_dir *d)
{
    for (;;) {
        if (!d->first) {
            if (!FindNextFileW(d->h, &d->data)) {
                errno = GetLastError() == ERROR_NO_MORE_FILES ? 0 : errno_of_last_error();
                return NULL;
            }
        }
        d->first = false;
        if (wcscmp(d->data.cFileName, L".") == 0 || wcscmp(d->data.cFileName, L"..") == 0)
            continue;
        free(d->name);
        d->name = narrow(d->data.cFileName);
        if (d->name == NULL)
            return NULL;
        errno = 0;
        return d->name;
    }
}

void
platform_dir_close(struct platform_dir *d)
{
    FindClose(d->h);
    free(d->name);
    free(d);
}
