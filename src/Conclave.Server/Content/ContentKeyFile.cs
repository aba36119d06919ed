using System.Security.Cryptography;
using Conclave.Server.Hosting;

namespace Conclave.Server.Content;

/// <summary>
/// The content master key of the software protector: 32 random bytes in <c>&lt;data&gt;/keys/content.key</c>
/// (the folder owner-only, the file owner read/write only), made at first start and read at every start after.
/// Losing the file loses every piece of content protected under it, so it is backed up with the database,
/// and a file that is not exactly 32 bytes stops the start instead of being replaced.
/// </summary>
internal static class ContentKeyFile
{
    public const string FolderName = "keys";
    public const string FileName = "content.key";

    /// <summary>AES-256 (FIPS 197): the master key is as long as the keys derived from it.</summary>
    public const int KeyLength = 32;

    public static string PathIn(string dataPath) => Path.Combine(dataPath, FolderName, FileName);

    /// <summary>
    /// The master key, in a pinned array (so that the collector leaves no copy of it behind when it
    /// compacts) that the caller owns and zeroes when done.
    /// </summary>
    public static byte[] LoadOrCreate(string dataPath)
    {
        var path = PathIn(dataPath);
        try
        {
            DataFolder.Ensure(Path.Combine(dataPath, FolderName));
            return File.Exists(path) ? Read(path) : Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot read or create the content key '{path}': {e.GetType().Name}", e);
        }
    }

    private static byte[] Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length != KeyLength)
        {
            throw new StartupException(
                $"The content key '{path}' is {stream.Length} bytes, not {KeyLength}: restore it from the backup of the data folder. " +
                "It is not replaced, because content protected under the old key would become unreadable.");
        }

        var key = GC.AllocateArray<byte>(KeyLength, pinned: true);
        stream.ReadExactly(key);
        return key;
    }

    /// <summary>
    /// Written next to its place, flushed to disk and then moved there: a crash mid-way leaves either no key
    /// (the next start makes one; nothing was protected yet) or the whole key, never a short one.
    /// </summary>
    private static byte[] Create(string path)
    {
        var key = GC.AllocateArray<byte>(KeyLength, pinned: true);
        RandomNumberGenerator.Fill(key);
        var pending = path + ".new";
        File.Delete(pending);
        DataFolder.WriteSecretFile(pending, key);
        using (var flush = new FileStream(pending, FileMode.Open, FileAccess.Write))
        {
            flush.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(pending, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process sharing the data folder made its key in between: that one stands.
            CryptographicOperations.ZeroMemory(key);
            File.Delete(pending);
            return Read(path);
        }
    }
}
