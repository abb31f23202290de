/* matrix_mpi.h - fr-matrix across machines (built with FR_MPI): under
 * `mpirun -n N` the origins are split into N contiguous blocks, one per
 * rank; every rank loads the network itself and computes its block's rows
 * with fr_network_matrix() (on its threads), and rank 0 joins the blocks'
 * renderings into the bytes one process would write. Ranks other than 0
 * write nothing: their standard output is discarded and their standard
 * error set aside, shown by rank 0 only when that rank's failure is the
 * run's. Without mpirun (MPI's singleton) and without FR_MPI there is one
 * rank, and fr-matrix runs as one process. */
#ifndef FR_MATRIX_MPI_H
#define FR_MATRIX_MPI_H

#include "cli_options.h"

#ifdef FR_HAVE_MPI

/* MPI_Init (MPI_Finalize at exit, so that --help's exit is clean); on
 * ranks other than 0, standard output to /dev/null and standard error to a
 * temporary file. */
void matrix_mpi_init(int *argc, char ***argv);
/* The number of ranks (1 without mpirun) and this process's rank. */
int matrix_mpi_size(void);
int matrix_mpi_rank(void);
/* This rank's block of `n` origins: [*first, *first + *count); rank 0's
 * is never empty when n > 0 (the first n % size ranks have one more). */
void matrix_mpi_block(size_t n, size_t *first, size_t *count);
/* Collective, on every rank once: `code` is this rank's outcome so far,
 * `from` and `to` the whole lists and `block` its rows (NULL when it has
 * none or failed). When a rank failed, the lowest such rank's code is the
 * run's and rank 0 shows that rank's message (its own, or the one set
 * aside); ranks that read different lists fail (exit 1); else rank 0
 * writes the joined matrix in `format` to `file` (standard output when
 * NULL). Returns the exit code (rank 0's; other ranks EXIT_OK or the
 * failure's) and, when EXIT_OK, in *has_route what matrix_has_route() says
 * of the whole matrix. */
int matrix_mpi_write(const char *prog, int code, const GPtrArray *from, const GPtrArray *to,
                     const fr_matrix *block, const char *file, cli_format format,
                     bool *has_route);
/* Rank 0's exit code on every rank (collective); then MPI_Finalize. */
int matrix_mpi_finalize(int code);

#else /* one process, exactly as without MPI */

static inline void matrix_mpi_init(int *argc, char ***argv)
{
    (void)argc, (void)argv;
}
static inline int matrix_mpi_size(void)
{
    return 1;
}
static inline int matrix_mpi_rank(void)
{
    return 0;
}
static inline void matrix_mpi_block(size_t n, size_t *first, size_t *count)
{
    *first = 0, *count = n;
}
static inline int matrix_mpi_write(const char *prog, int code, const GPtrArray *from,
                                   const GPtrArray *to, const fr_matrix *block,
                                   const char *file, cli_format format, bool *has_route)
{
    (void)prog, (void)from, (void)to, (void)block, (void)file, (void)format, (void)has_route;
    return code;
}
static inline int matrix_mpi_finalize(int code)
{
    return code;
}

#endif /* FR_HAVE_MPI */

#endif /* FR_MATRIX_MPI_H */
