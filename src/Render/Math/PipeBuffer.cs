using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Site.Render.Mathematics;

/// <summary>
/// Lets Node write answers ahead of the reader. Node writes to a pipe synchronously: once the pipe's 64 KB are full it
/// waits, and an answer of 200 formulas is ~400 KB, so every pause of the reading thread (a collection of the .NET heap,
/// a busy core) stopped KaTeX too. Linux lets the owner of a pipe enlarge it up to /proc/sys/fs/pipe-max-size (1 MB by
/// default) without privileges; elsewhere, or when refused, the pipe stays as it is and only speed differs.
/// </summary>
internal static class PipeBuffer
{
    public const int Bytes = 1 << 20;
    private const int F_SETPIPE_SZ = 1031;

    public static void Enlarge(Stream stream)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe) return;
        try
        {
            var fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
            if (fcntl(fd, F_SETPIPE_SZ, Bytes) < 0) fcntl(fd, F_SETPIPE_SZ, 256 * 1024); // a lower pipe-max-size
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or ObjectDisposedException) { }
    }

    /// <summary>The pipe's size in bytes (tests), or -1.</summary>
    public static int Size(Stream stream)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe) return -1;
        const int F_GETPIPE_SZ = 1032;
        try { return fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), F_GETPIPE_SZ, 0); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or ObjectDisposedException) { return -1; }
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "fcntl")]
    private static extern int fcntl(int fd, int cmd, int arg);
}
