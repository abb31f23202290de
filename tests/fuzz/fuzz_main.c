/* fuzz_main.c - one fuzz entry (fuzz_entry.h) as a libFuzzer target: built
 * once per target with FR_FUZZ_ENTRY naming the entry (tests/fuzz/CMakeLists.txt). */
#include "fuzz_entry.h"

#ifndef FR_FUZZ_ENTRY
#error "FR_FUZZ_ENTRY must name the entry, e.g. -DFR_FUZZ_ENTRY=fr_fuzz_csv"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return FR_FUZZ_ENTRY(data, size);
}
