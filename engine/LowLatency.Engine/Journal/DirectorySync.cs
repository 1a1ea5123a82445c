using System.Runtime.InteropServices;

namespace LowLatency.Engine.Journal;

/// <summary>
/// Makes a directory's entries durable (POSIX <c>fsync</c> on the directory): a new segment's data can be synced and
/// its name still lost in a power cut until the directory is. .NET opens no directory as a file, hence libc.
/// </summary>
public static class DirectorySync
{
    /// <summary>Syncs <paramref name="directory"/>'s entries; elsewhere than Linux a no-op (NTFS journals its metadata).</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = NativeMethods.open(directory, 0); // O_RDONLY: enough for fsync on a directory
        if (descriptor < 0)
        {
            throw new IOException($"cannot open {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (NativeMethods.fsync(descriptor) != 0)
            {
                throw new IOException($"cannot sync {directory} (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = NativeMethods.close(descriptor);
        }
    }

    // DllImport rather than LibraryImport: these signatures need no unsafe code in this assembly.
    private static class NativeMethods
    {
        [DllImport("libc.so.6", SetLastError = true)]
        internal static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc.so.6", SetLastError = true)]
        internal static extern int fsync(int descriptor);

        [DllImport("libc.so.6")]
        internal static extern int close(int descriptor);
    }
}
