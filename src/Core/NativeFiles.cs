using System.Runtime.InteropServices;
using System.Text;

namespace Site.Core;

/// <summary>
/// The libc calls the staging writer (<see cref="OutputWriter"/>) makes per file and folder on Linux, where .NET's
/// portable calls cost more (an advisory lock per opened file, a walk up the path per folder). Each returns false
/// when libc cannot be called, and the caller falls back to .NET.
/// </summary>
internal static class NativeFiles
{
    /// <summary>mkdir(2) of one folder; false when libc cannot be called (the caller uses .NET then).</summary>
    public static bool Mkdir(string dir)
    {
        try
        {
            var p = PathBytes(dir);
            if (MkDir(p, 0x1FF /*0777 & ~umask*/) == 0) return true;
            return Marshal.GetLastPInvokeError() == 17 /*EEXIST*/ && Directory.Exists(dir);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>The path as a NUL-terminated UTF-8 string in this thread's buffer.</summary>
    private static byte[] PathBytes(string path)
    {
        var max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        var p = _pathBuf is { } pb && pb.Length >= max ? pb : _pathBuf = new byte[Math.Max(max, 1024)];
        var n = Encoding.UTF8.GetBytes(path, p);
        p[n] = 0;
        return p;
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "mkdir")]
    private static extern int MkDir(byte[] path, int mode);

    [ThreadStatic] private static byte[]? _pathBuf;

    /// <summary>
    /// open(O_CREAT|O_EXCL) + write + close: the three syscalls a new file needs. (File.OpenHandle adds an
    /// advisory flock and unlock per file; nobody else can see the staging folder, so there is nothing to lock
    /// against.) A path that exists is unlinked and created anew, never truncated: it may be a hard link into the
    /// previous site. <paramref name="stat"/> is the new file's identity. Returns false when libc cannot be called,
    /// so the caller falls back to .NET.
    /// </summary>
    public static bool WriteNew(string path, ReadOnlySpan<byte> content, out FileStat stat)
    {
        stat = default;
        var p = PathBytes(path);
        int fd;
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                do fd = Open(p, 0x1 /*O_WRONLY*/ | 0x40 /*O_CREAT*/ | 0x80 /*O_EXCL*/ | 0x80000 /*O_CLOEXEC*/, 0x1B6 /*0666 & ~umask*/);
                while (fd < 0 && Marshal.GetLastPInvokeError() == 4 /*EINTR*/);
                if (fd >= 0 || Marshal.GetLastPInvokeError() != 17 /*EEXIST*/ || attempt > 0) break;
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
        if (fd < 0) throw new IOException($"cannot create {path}: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            while (!content.IsEmpty)
            {
                var w = Write(fd, ref MemoryMarshal.GetReference(content), (nint)content.Length);
                if (w < 0)
                {
                    if (Marshal.GetLastPInvokeError() == 4) continue;
                    throw new IOException($"cannot write {path}: errno {Marshal.GetLastPInvokeError()}");
                }
                content = content[(int)w..];
            }
            if (FileStat.Supported) stat = FileStat.OfDescriptor(fd);
        }
        finally { Close(fd); }
        return true;
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "open")]
    private static extern int Open(byte[] path, int flags, int mode);
    [DllImport("libc", SetLastError = true, EntryPoint = "write")]
    private static extern nint Write(int fd, ref byte buf, nint count);
    [DllImport("libc", SetLastError = true, EntryPoint = "close")]
    private static extern int Close(int fd);
}
