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
