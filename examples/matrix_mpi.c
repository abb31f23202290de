/* matrix_mpi.c - fr-matrix across machines (see matrix_mpi.h).
 *
 * Each rank renders its block of rows with matrix_write() (the code one
 * process writes with) into a temporary file; rank 0 gathers the blocks in
 * rank order, which is the order of the origin list, and joins them:
 * CSV and text without the repeated header line, JSON and GeoJSON by their
 * fixed frame (the library offers no way to build one fr_matrix from
 * cells computed elsewhere, so the renderings are joined, not the cells).
 * Before anything is gathered every rank says whether it failed
 * (MPI_Allreduce), so that a failure on any rank ends every rank, with the
 * exit status and message one process would have given. */
#include "matrix_mpi.h"

#include "cli_common.h"
#include "matrix_output.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int rank_ = 0, size_ = 1;
static FILE *set_aside; /* standard error of ranks other than 0 */

enum { TAG_BYTES = 13, TAG_CODE = 14 };
#define CHUNK ((size_t)1 << 30) /* bytes per message: MPI counts are ints */

/* MPI_Finalize when fr-matrix exits without matrix_mpi_finalize() (--help). */
static void finalize_at_exit(void)
{
    int initialized = 0, finalized = 0;
    MPI_Initialized(&initialized);
    MPI_Finalized(&finalized);
    if (initialized && !finalized)
        MPI_Finalize();
}

void matrix_mpi_init(int *argc, char ***argv)
{
    /* Run without mpirun (a singleton), Open MPI would start a daemon for
     * spawning, which fr-matrix never does: half a second saved. */
    if (!g_getenv("OMPI_COMM_WORLD_SIZE"))
        g_setenv("OMPI_MCA_ess_singleton_isolated", "1", FALSE);
    int provided;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    atexit(finalize_at_exit);
    if (rank_ == 0)
        return;
    int null = open("/dev/null", O_WRONLY);
    set_aside = tmpfile();
    fflush(stdout), fflush(stderr);
    if (null >= 0)
        dup2(null, STDOUT_FILENO), close(null);
    if (set_aside)
        dup2(fileno(set_aside), STDERR_FILENO);
}

int matrix_mpi_size(void)
{
    return size_;
}

int matrix_mpi_rank(void)
{
    return rank_;
}

void matrix_mpi_block(size_t n, size_t *first, size_t *count)
{
    size_t r = (size_t)rank_, base = n / (size_t)size_, extra = n % (size_t)size_;
    *count = base + (r < extra);
    *first = r * base + (r < extra ? r : extra);
}

/* ---- one rank's part ----------------------------------------------------- */

/* The block as matrix_write() writes it, in *text; an exit code. */
static int render_block(const char *prog, const fr_matrix *block, cli_format format,
                        GString **text)
{
    GError *error = NULL;
    char *path = NULL, *bytes = NULL;
    gsize length = 0;
    int fd = g_file_open_tmp("fr-matrix-XXXXXX", &path, &error);
    if (fd < 0) {
        int code = cli_fail(prog, EXIT_INPUT, error->message);
        g_error_free(error);
        return code;
    }
    close(fd);
    int code = matrix_write(prog, path, block, format);
    if (code == EXIT_OK && !g_file_get_contents(path, &bytes, &length, &error)) {
        code = cli_fail(prog, EXIT_INPUT, error->message);
        g_error_free(error);
    }
    g_unlink(path);
    g_free(path);
    if (code == EXIT_OK) {
        *text = g_string_new_len(bytes, (gssize)length);
        g_free(bytes);
    }
    return code;
}

/* A fingerprint of the origin and destination lists (FNV-1a, 32 bits):
 * ranks that read different @FILEs must not join their blocks. */
static long long lists_fingerprint(const GPtrArray *from, const GPtrArray *to)
{
    guint32 h = 2166136261u;
    const GPtrArray *lists[] = {from, to};
    for (size_t l = 0; l < G_N_ELEMENTS(lists); l++)
        for (guint i = 0; lists[l] && i <= lists[l]->len; i++) {
            const char *id = i < lists[l]->len ? g_ptr_array_index(lists[l], i) : "";
            for (const char *p = id;; p++) { /* the id and its terminating NUL */
                h = (h ^ (unsigned char)*p) * 16777619u;
                if (!*p)
                    break;
            }
        }
    return h;
}

/* What matrix_has_route() needs to know of a block: whether a cell has a
 * route, whether every cell is a node with itself. */
static void block_routes(const fr_matrix *block, int *any_route, int *all_same)
{
    *any_route = 0, *all_same = 1;
    for (size_t i = 0; block && i < fr_matrix_origin_count(block); i++)
        for (size_t j = 0; j < fr_matrix_destination_count(block); j++) {
            fr_cell_status status = fr_matrix_status(block, i, j);
            *any_route = *any_route || status == FR_CELL_ROUTE;
            *all_same = *all_same && status == FR_CELL_SAME_NODE;
        }
}

static void send_bytes(const char *data, size_t length, int to)
{
    for (size_t at = 0; at < length; at += CHUNK)
        MPI_Send(data + at, (int)MIN(CHUNK, length - at), MPI_BYTE, to, TAG_BYTES,
                 MPI_COMM_WORLD);
}

static GString *receive_bytes(size_t length, int from)
{
    GString *text = g_string_sized_new(length + 1);
    g_string_set_size(text, length);
    for (size_t at = 0; at < length; at += CHUNK)
        MPI_Recv(text->str + at, (int)MIN(CHUNK, length - at), MPI_BYTE, from, TAG_BYTES,
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return text;
}

/* What this rank wrote to its standard error (set aside). */
static GString *set_aside_text(void)
{
    GString *text = g_string_new(NULL);
    if (!set_aside)
        return text;
    fflush(stderr);
    char buf[4096];
    size_t n;
    rewind(set_aside);
    while ((n = fread(buf, 1, sizeof buf, set_aside)) > 0)
        g_string_append_len(text, buf, (gssize)n);
    return text;
}

/* `failed` (the lowest rank that failed) sends its code and, unless it is
 * rank 0 which has shown it, its message to rank 0, which shows it. The
 * code on every rank. */
static int share_failure(int failed, int code)
{
    if (failed != 0 && rank_ == failed) {
        GString *message = set_aside_text();
        unsigned long long length = message->len;
        MPI_Send(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, TAG_CODE, MPI_COMM_WORLD);
        send_bytes(message->str, message->len, 0);
        g_string_free(message, TRUE);
    } else if (failed != 0 && rank_ == 0) {
        unsigned long long length;
        MPI_Recv(&length, 1, MPI_UNSIGNED_LONG_LONG, failed, TAG_CODE, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        GString *message = receive_bytes((size_t)length, failed);
        fwrite(message->str, 1, message->len, stderr);
        fflush(stderr);
        g_string_free(message, TRUE);
    }
    MPI_Bcast(&code, 1, MPI_INT, failed, MPI_COMM_WORLD);
    return code;
}

/* ---- rank 0: joining the blocks ------------------------------------------ */

/* CSV and text: the first block whole, the others after their header line. */
static bool join_lines(GString *out, GString *const *blocks, int n)
{
    for (int r = 0; r < n; r++) {
        const char *body = blocks[r]->str, *end = body + blocks[r]->len;
        if (r > 0 && blocks[r]->len) {
            body = memchr(body, '\n', blocks[r]->len);
            if (!body)
                return false;
            body++;
        }
        g_string_append_len(out, body, end - body);
    }
    return true;
}

/* A frame's three cuts in the JSON of fr_matrix_to_json(): where the
 * origins' ids begin and end, and where the rows of cells begin (they end
 * before the final "]}\n"). No id can hold the markers: a quote inside a
 * JSON string is escaped, a line break too. */
typedef struct {
    size_t origins, origins_end, cells;
} json_cuts;

static bool json_frame(const GString *b, json_cuts *cut)
{
    static const char o[] = "\"origins\": [", d[] = "], \"destinations\": [",
                      c[] = "\n \"cells\": [";
    const char *po = strstr(b->str, o), *pd = po ? strstr(po, d) : NULL;
    const char *pc = pd ? strstr(pd, c) : NULL;
    if (!pc || !g_str_has_suffix(b->str, "]}\n") ||
        (size_t)(pc - b->str) + strlen(c) > b->len - 3)
        return false;
    cut->origins = (size_t)(po - b->str) + strlen(o);
    cut->origins_end = (size_t)(pd - b->str);
    cut->cells = (size_t)(pc - b->str) + strlen(c);
    return true;
}

/* JSON: rank 0's frame around every block's origins and rows of cells. */
static bool join_json(GString *out, GString *const *blocks, int n)
{
    json_cuts *cuts = g_new(json_cuts, n);
    bool ok = true;
    for (int r = 0; ok && r < n; r++)
        ok = !blocks[r]->len ? r > 0 : json_frame(blocks[r], &cuts[r]);
    if (ok) {
        g_string_append_len(out, blocks[0]->str, (gssize)cuts[0].origins);
        for (int r = 0, first = 1; r < n; r++)
            if (blocks[r]->len) {
                g_string_append(out, first ? "" : ", ");
                g_string_append_len(out, blocks[r]->str + cuts[r].origins,
                                    (gssize)(cuts[r].origins_end - cuts[r].origins));
                first = 0;
            }
        g_string_append_len(out, blocks[0]->str + cuts[0].origins_end,
                            (gssize)(cuts[0].cells - cuts[0].origins_end));
        for (int r = 0, first = 1; r < n; r++)
            if (blocks[r]->len) {
                g_string_append(out, first ? "" : ",");
                g_string_append_len(out, blocks[r]->str + cuts[r].cells,
                                    (gssize)(blocks[r]->len - 3 - cuts[r].cells));
                first = 0;
            }
        g_string_append(out, "]}\n");
    }
    g_free(cuts);
    return ok;
}

/* GeoJSON: one FeatureCollection of every block's features (a block
 * without routes has none). */
static bool join_geojson(GString *out, GString *const *blocks, int n)
{
    static const char f[] = "\"features\": [";
    bool first = true;
    for (int r = 0; r < n; r++) {
        if (!blocks[r]->len)
            continue;
        const char *pf = strstr(blocks[r]->str, f);
        if (!pf || !g_str_has_suffix(blocks[r]->str, "]}\n"))
            return false;
        size_t begin = (size_t)(pf - blocks[r]->str) + strlen(f), end = blocks[r]->len - 3;
        if (begin > end)
            return false;
        if (r == 0)
            g_string_append_len(out, blocks[0]->str, (gssize)begin);
        if (end > begin) {
            g_string_append(out, first ? "" : ",");
            g_string_append_len(out, blocks[r]->str + begin, (gssize)(end - begin));
            first = false;
        }
    }
    g_string_append(out, "]}\n");
    return true;
}

/* Rank 0: every rank's block, joined and written to `file`; an exit code. */
static int write_joined(const char *prog, GString **blocks, const char *file, cli_format format)
{
    GString *out = g_string_new(NULL);
    bool ok = format == CLI_JSON      ? join_json(out, blocks, size_)
              : format == CLI_GEOJSON ? join_geojson(out, blocks, size_)
                                      : join_lines(out, blocks, size_);
    int code = EXIT_OK;
    if (!ok) {
        code = cli_fail(prog, EXIT_INPUT, "the ranks' blocks of the matrix could not be joined");
    } else {
        FILE *f = cli_output_open(prog, file, &code);
        if (f) {
            fwrite(out->str, 1, out->len, f);
            code = cli_output_close(prog, file, f);
        }
    }
    g_string_free(out, TRUE);
    return code;
}

/* Every rank's block to rank 0, which writes them joined; an exit code. */
static int gather_and_write(const char *prog, GString *text, const char *file, cli_format format)
{
    unsigned long long length = text ? text->len : 0;
    unsigned long long *lengths = rank_ == 0 ? g_new(unsigned long long, size_) : NULL;
    MPI_Gather(&length, 1, MPI_UNSIGNED_LONG_LONG, lengths, 1, MPI_UNSIGNED_LONG_LONG, 0,
               MPI_COMM_WORLD);
    if (rank_ != 0) {
        send_bytes(text ? text->str : "", (size_t)length, 0);
        return EXIT_OK;
    }
    GString **blocks = g_new0(GString *, size_);
    blocks[0] = text ? text : g_string_new(NULL);
    for (int r = 1; r < size_; r++)
        blocks[r] = receive_bytes((size_t)lengths[r], r);
    int code = write_joined(prog, blocks, file, format);
    for (int r = 1; r < size_; r++)
        g_string_free(blocks[r], TRUE);
    if (!text)
        g_string_free(blocks[0], TRUE);
    g_free(blocks);
    g_free(lengths);
    return code;
}

int matrix_mpi_write(const char *prog, int code, const GPtrArray *from, const GPtrArray *to,
                     const fr_matrix *block, const char *file, cli_format format,
                     bool *has_route)
{
    GString *text = NULL;
    if (code == EXIT_OK && block)
        code = render_block(prog, block, format, &text);
    /* The lowest rank that failed; whether no block has a route; whether
     * every block is only nodes with themselves; the lists' fingerprint,
     * smallest and (negated) largest: minima over the ranks. */
    int any_route, all_same;
    block_routes(code == EXIT_OK ? block : NULL, &any_route, &all_same);
    long long lists = code == EXIT_OK ? lists_fingerprint(from, to) : 0;
    long long outcome[5] = {code == EXIT_OK ? size_ : rank_, !any_route, all_same, lists, -lists};
    MPI_Allreduce(MPI_IN_PLACE, outcome, 5, MPI_LONG_LONG, MPI_MIN, MPI_COMM_WORLD);
    if (outcome[0] < size_ || outcome[3] != -outcome[4]) {
        if (text)
            g_string_free(text, TRUE);
        if (outcome[0] < size_)
            return share_failure((int)outcome[0], code);
        return cli_fail(prog, EXIT_INPUT, "the ranks read different --from or --to lists: "
                                          "every machine must see the same @FILEs");
    }
    *has_route = outcome[1] == 0 || outcome[2] == 1;
    code = gather_and_write(prog, text, file, format);
    if (text)
        g_string_free(text, TRUE);
    return code;
}

int matrix_mpi_finalize(int code)
{
    if (size_ > 1)
        MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
    fflush(stdout), fflush(stderr);
    MPI_Finalize();
    return code;
}
