using System.Reflection;
using System.Runtime.InteropServices;

namespace LowLatency.Disruptor.Threading;

/// <summary>Pins the calling thread to one CPU: Linux <c>sched_setaffinity</c>, Windows <c>SetThreadAffinityMask</c>.</summary>
public static partial class ThreadAffinity
{
    // cpu_set_t is 1024 bits on glibc.
    private const int CpuSetWords = 16;

    // "libc" alone resolves through the libc.so linker script, which exists only with the dev packages.
    static ThreadAffinity() => NativeLibrary.SetDllImportResolver(typeof(ThreadAffinity).Assembly, ResolveLibc);

    /// <summary>Pins the calling thread to <paramref name="cpu"/> (zero-based).</summary>
    public static AffinityResult PinCurrentThread(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        if (OperatingSystem.IsLinux())
        {
            return PinLinux(cpu);
        }

        if (OperatingSystem.IsWindows())
        {
            return PinWindows(cpu);
        }

        return AffinityResult.NotSupported;
    }

    /// <summary>The CPUs the calling thread may run on, or null where the platform cannot tell (not Linux).</summary>
    public static IReadOnlyList<int>? GetCurrentThreadCpus()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<ulong> mask = stackalloc ulong[CpuSetWords];
        unsafe
        {
            fixed (ulong* pointer = mask)
            {
                if (NativeMethods.sched_getaffinity(0, CpuSetWords * sizeof(ulong), pointer) != 0)
                {
                    return null;
                }
            }
        }

        var cpus = new List<int>();
        for (var cpu = 0; cpu < CpuSetWords * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    private static AffinityResult PinLinux(int cpu)
    {
        if (cpu >= CpuSetWords * 64)
        {
            return AffinityResult.Failed;
        }

        Span<ulong> mask = stackalloc ulong[CpuSetWords];
        mask[cpu / 64] = 1UL << (cpu % 64);
        return SetLinuxMask(mask) ? AffinityResult.Pinned : AffinityResult.Failed;
    }

    private static unsafe bool SetLinuxMask(ReadOnlySpan<ulong> mask)
    {
        fixed (ulong* pointer = mask)
        {
            // pid 0 means the calling thread.
            return NativeMethods.sched_setaffinity(0, (nint)(mask.Length * sizeof(ulong)), pointer) == 0;
        }
    }

    private static AffinityResult PinWindows(int cpu)
    {
        if (cpu >= nint.Size * 8)
        {
            return AffinityResult.Failed;
        }

        return NativeMethods.SetThreadAffinityMask(NativeMethods.GetCurrentThread(), (nuint)1 << cpu) != 0
            ? AffinityResult.Pinned
            : AffinityResult.Failed;
    }

    private static nint ResolveLibc(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "libc" && OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out var handle) ? handle : 0;

    private static unsafe partial class NativeMethods
    {
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int sched_setaffinity(int pid, nint cpusetsize, ulong* mask);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int sched_getaffinity(int pid, nint cpusetsize, ulong* mask);

        [LibraryImport("kernel32", SetLastError = true)]
        internal static partial nuint SetThreadAffinityMask(nint thread, nuint mask);

        [LibraryImport("kernel32")]
        internal static partial nint GetCurrentThread();
    }
}
