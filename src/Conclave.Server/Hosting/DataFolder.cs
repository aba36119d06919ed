namespace Conclave.Server.Hosting;

/// <summary>The data folder: created owner-only; secret files in it are written owner read/write only.</summary>
public static class DataFolder
{
    public static string Ensure(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (!System.IO.Directory.Exists(full))
            {
                if (OperatingSystem.IsWindows())
                {
                    System.IO.Directory.CreateDirectory(full);
                }
                else
                {
                    System.IO.Directory.CreateDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot create the data folder '{full}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Creates an empty owner-only file unless it exists, so that a library which creates the file
    /// itself (SQLite: the database, and its -wal and -shm files with the database's mode) never
    /// makes it readable by others.
    /// </summary>
    public static void EnsureOwnerOnlyFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            WriteSecretFile(path, []);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by someone else in between: theirs stands.
        }
    }

    public static void WriteSecretFile(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
