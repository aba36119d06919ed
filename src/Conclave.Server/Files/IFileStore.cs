namespace Conclave.Server.Files;

/// <summary>
/// Where the encrypted content of chat files is kept. An upload is written to a new place of its own
/// (<see cref="BeginUpload"/>) and becomes a file only when it is committed after every check has passed; an upload
/// disposed uncommitted leaves nothing behind. The store sees ciphertext only (ProtectedFileFormat).
/// </summary>
public interface IFileStore
{
    /// <summary>A new, empty upload to write into.</summary>
    IFileUpload BeginUpload();

    /// <summary>The stored content of <paramref name="fileId"/> for reading, or null when there is none.</summary>
    Stream? OpenRead(Guid fileId);

    /// <summary>Removes the stored content of <paramref name="fileId"/>, if any.</summary>
    void Delete(Guid fileId);
}

/// <summary>An upload in progress: its content (readable, writable, seekable), then <see cref="Commit"/> or nothing.</summary>
public interface IFileUpload : IDisposable
{
    Stream Content { get; }

    /// <summary>Makes the content the stored file <paramref name="fileId"/> (closing <see cref="Content"/>).</summary>
    void Commit(Guid fileId);
}
