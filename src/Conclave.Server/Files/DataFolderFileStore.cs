namespace Conclave.Server.Files;

/// <summary>
/// The default <see cref="IFileStore"/>: one file per chat file under a folder of the data folder (owner-only),
/// spread over 256 sub-folders by the id's first byte; uploads are written under <c>.incoming</c> beside them and
/// moved into place by a rename on the same volume, so a stored file is never half written.
/// </summary>
public sealed class DataFolderFileStore : IFileStore
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _root;
    private readonly string _incoming;

    public DataFolderFileStore(string root)
    {
        _root = Path.GetFullPath(root);
        _incoming = Path.Combine(_root, ".incoming");
        CreateFolder(_root);
        CreateFolder(_incoming);
    }

    /// <summary>The folder holding the stored files.</summary>
    public string Root => _root;

    public IFileUpload BeginUpload()
    {
        var path = Path.Combine(_incoming, Guid.NewGuid().ToString("N"));
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return new Upload(this, path, new FileStream(path, options));
    }

    public Stream? OpenRead(Guid fileId)
    {
        try
        {
            return new FileStream(PathOf(fileId), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(Guid fileId) => File.Delete(PathOf(fileId));

    private string PathOf(Guid fileId)
    {
        var name = fileId.ToString("N");
        return Path.Combine(_root, name[..2], name);
    }

    private static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    private sealed class Upload(DataFolderFileStore store, string path, FileStream content) : IFileUpload
    {
        private bool _committed;

        public Stream Content => content;

        public void Commit(Guid fileId)
        {
            content.Flush(flushToDisk: true);
            content.Dispose();
            var target = store.PathOf(fileId);
            CreateFolder(Path.GetDirectoryName(target)!);
            File.Move(path, target, overwrite: false);
            _committed = true;
        }

        public void Dispose()
        {
            content.Dispose();
            if (!_committed)
            {
                File.Delete(path);
            }
        }
    }
}
