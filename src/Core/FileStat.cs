using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Site.Core;

/// <summary>What kind of thing a path names, as <c>lstat</c> sees it (a symbolic link is never followed).</summary>
public enum FileKind : byte { Missing, File, Directory, Symlink, Other }

/// <summary>
/// Identity of a file as the kernel reports it (statx, Linux): device, inode, size and modification time in
/// nanoseconds. Two equal identities are the same inode with the same size and last write, which is how the
/// output manifest (<see cref="OutputManifest"/>) knows a file of the previous site is still the one it wrote,
/// without reading it (the same test git and rsync use).
/// </summary>
public readonly record struct FileStat(FileKind Kind, ulong Dev, ulong Ino, long Size, long MtimeNs)
{
    /// <summary>True when the identity calls below work here (Linux with glibc's statx and linkat).</summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux() && Probe();

    private static bool Probe()
    {
        try { return Of("/") is { Kind: FileKind.Directory }; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>lstat-like: the path itself, never what a symbolic link points to. Missing when it does not exist.</summary>
    public static FileStat Of(string path)
    {
        var buf = Buffer();
        if (StatX(-100 /*AT_FDCWD*/, path, 0x100 /*AT_SYMLINK_NOFOLLOW*/, 0x7ff /*STATX_BASIC_STATS*/, buf) != 0) return default;
        return Decode(buf);
    }

    /// <summary>The file an open descriptor refers to (no path lookup).</summary>
    internal static FileStat OfDescriptor(int fd)
    {
        var buf = Buffer();
        if (StatX(fd, "", 0x1000 /*AT_EMPTY_PATH*/, 0x7ff, buf) != 0) return default;
        return Decode(buf);
    }

    /// <summary>
    /// Makes <paramref name="newPath"/> a second name of <paramref name="existing"/> (linkat without
    /// AT_SYMLINK_FOLLOW: a symbolic link is linked as the link itself, never followed). False when it cannot be
    /// done (another file system, no permission, missing file …); nothing is changed then.
    /// </summary>
    public static bool HardLink(string existing, string newPath)
    {
        try { return LinkAt(-100, existing, -100, newPath, 0) == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    private static FileStat Decode(byte[] b)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(28));
        var kind = (mode & 0xF000) switch { 0x8000 => FileKind.File, 0x4000 => FileKind.Directory, 0xA000 => FileKind.Symlink, _ => FileKind.Other };
        var ino = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(32));
        var size = BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(40));
        var mtime = BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(112)) * 1_000_000_000L + BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(120));
        var dev = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(136)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(140));
        return new FileStat(kind, dev, ino, size, mtime);
    }

    [ThreadStatic] private static byte[]? _buf;
    private static byte[] Buffer() => _buf ??= new byte[256];

    // struct statx has the same layout on every Linux architecture (unlike struct stat), so one decoder serves all.
    [DllImport("libc", SetLastError = true, EntryPoint = "statx")]
    private static extern int StatX(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buf);

    [DllImport("libc", SetLastError = true, EntryPoint = "linkat")]
    private static extern int LinkAt(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath, int flags);
}
