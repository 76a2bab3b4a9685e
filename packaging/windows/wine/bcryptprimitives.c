/* A stand-in for Windows' bcryptprimitives.dll, for running redline.exe under Wine 8 only.
 *
 * Rust's standard library draws its random seeds (for hash maps) from ProcessPrng in
 * bcryptprimitives.dll, which every Windows since 10 has and Wine 8 lacks. This forwards it to
 * RtlGenRandom (SystemFunction036 in advapi32), which Wine has. It is a test harness and is never
 * shipped: packaging/windows/check-wine.sh builds it into a throwaway Wine prefix.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
