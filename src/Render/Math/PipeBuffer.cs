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
    private const int F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;

    public static void Enlarge(Stream stream)
    {
        if (Fcntl(stream, F_SETPIPE_SZ, Bytes) < 0) Fcntl(stream, F_SETPIPE_SZ, 256 * 1024); // a lower pipe-max-size
    }

    /// <summary>The pipe's size in bytes (tests), or -1.</summary>
    public static int Size(Stream stream) => Fcntl(stream, F_GETPIPE_SZ, 0);

    /// <summary>fcntl on the pipe under <paramref name="stream"/>; -1 when it is not a pipe, not Linux, or refused.</summary>
    private static int Fcntl(Stream stream, int cmd, int arg)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe) return -1;
        try { return fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), cmd, arg); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or ObjectDisposedException) { return -1; }
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "fcntl")]
    private static extern int fcntl(int fd, int cmd, int arg);
}
