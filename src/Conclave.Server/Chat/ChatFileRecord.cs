using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>
/// A file uploaded to a chat (Files/FileService), attached to one message of the same chat or not yet. Its content is
/// in the file store, encrypted chunk by chunk (<see cref="ChatFileContent"/>); its name is here, encrypted too
/// (<see cref="ProtectedName"/>): the database holds neither in plaintext.
/// </summary>
public sealed class ChatFileRecord
{
    public const string Table = "ChatFiles";

    public Guid Id { get; set; }

    public Guid ChatId { get; set; }

    public string UploaderId { get; set; } = "";

    /// <summary>Bytes of plaintext.</summary>
    public long Size { get; set; }

    /// <summary>The media type sniffed from the bytes (Domain/Files/FileKinds), never the client's.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>SHA-256 of the plaintext, 32 bytes.</summary>
    public byte[] Sha256 { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The name as uploaded, UTF-8, sealed under <see cref="ChatFileContent.NameScope"/>.</summary>
    public byte[] ProtectedName { get; set; } = [];

    /// <summary>The message it is attached to; null until the uploader sends it.</summary>
    public Guid? MessageId { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ChatFileRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(f => f.Id);
            b.Property(f => f.UploaderId).HasMaxLength(100);
            b.Property(f => f.ContentType).HasMaxLength(100);
            b.HasOne<ChatRecord>().WithMany().HasForeignKey(f => f.ChatId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(f => f.ChatId);
            // A page of messages gathers its attachments.
            b.HasIndex(f => f.MessageId);
        });
}
