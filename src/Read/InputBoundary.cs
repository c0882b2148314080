using System.Runtime.InteropServices;

namespace Site.Read;

/// <summary>
/// The one rule for what counts as "inside the input folder": a path whose real location, with every
/// symbolic link resolved (realpath(3)), is the input folder or below it. A note or image that is a link
/// to <c>/etc/passwd</c>, or a folder linked to <c>~</c>, is outside and never read or published.
/// </summary>
public static partial class InputBoundary
{
    /// <summary>The path with every symbolic link and . / .. resolved; null when it does not exist or links loop.</summary>
    public static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            try
            {
                FileSystemInfo fi = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
                if (!fi.Exists) return null;
                return fi.LinkTarget is null ? fi.FullName : fi.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            }
            catch (IOException) { return null; }
        }
        var p = NativeRealPath(full, IntPtr.Zero);
        if (p == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { Free(p); }
    }

    /// <summary>True when <paramref name="realPath"/> is <paramref name="realRoot"/> or lies below it (both already real paths).</summary>
    public static bool Contains(string realRoot, string realPath)
    {
        var root = Path.TrimEndingDirectorySeparator(realRoot);
        if (realPath.Length == root.Length) return realPath.Equals(root, StringComparison.Ordinal);
        return realPath.StartsWith(root, StringComparison.Ordinal)
               && (realPath[root.Length] == Path.DirectorySeparatorChar || root.EndsWith(Path.DirectorySeparatorChar));
    }

    /// <summary>True when <paramref name="path"/> exists and really lies inside <paramref name="root"/>.</summary>
    public static bool IsInside(string root, string path) =>
        RealPath(root) is { } r && RealPath(path) is { } p && Contains(r, p);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NativeRealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr p);
}
