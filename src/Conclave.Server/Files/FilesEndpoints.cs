using Conclave.Contracts.Api;
using Conclave.Domain.Chat;
using Conclave.Server.Chat;
using Conclave.Server.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Conclave.Server.Files;

/// <summary>
/// /api/chats/{chatId}/files (docs/api.md, "Files"): uploading a file to a chat (the raw request body, its name in
/// <see cref="FileHeaders.FileName"/>) and downloading it, for the chat's members.
/// </summary>
public static class FilesEndpoints
{
    public const string Path = "/api/chats/{chatId}/files";

    public static void MapFilesEndpoints(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ChatFileOptions>>().Value;
        var files = app.MapGroup(Path).RequireAuthorization(ConclavePolicies.User);
        // The body limit is above the file limit, so that a file too large is told file.too_large by the service's own
        // exact count rather than cut off by the server.
        files.MapPost("", UploadAsync).WithMetadata(new BodyLimit(BodyLimitOf(limits))).RequireRateLimiting(ChatRateLimiting.Policy)
            .Produces<ChatFileView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        files.MapGet("/{fileId}", DownloadAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status206PartialContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> UploadAsync(
        string chatId, HttpContext context, FileService files, IOptions<ChatFileOptions> options, CancellationToken cancellationToken)
    {
        if (!TryId(chatId, out var id))
        {
            return Problems.FromError(ChatErrors.NotFound());
        }

        // The endpoint's body limit, set again here: it must hold for a chunked body too, whatever the server's own limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = BodyLimitOf(options.Value);
        }

        var request = context.Request;
        var incoming = new FileService.Incoming(
            Decoded(request.Headers[FileHeaders.FileName]),
            request.ContentLength,
            request.Body,
            Decoded(request.Headers[FileHeaders.OverrideJustification]));
        var uploaded = await files.UploadAsync(CallerOf(context), id, incoming, cancellationToken);
        return uploaded.IsSuccess
            ? Results.Created($"/api/chats/{id}/files/{uploaded.Value.FileId}", uploaded.Value)
            : Problems.FromError(uploaded.Error);
    }

    private static async Task<IResult> DownloadAsync(string chatId, string fileId, HttpContext context, FileService files, CancellationToken cancellationToken)
    {
        if (!TryId(chatId, out var id))
        {
            return Problems.FromError(ChatErrors.NotFound());
        }

        // A file id that is no GUID names no file: the member is told so after the membership check.
        var opened = await files.OpenAsync(CallerOf(context), id, TryId(fileId, out var file) ? file : Guid.Empty, cancellationToken);
        if (!opened.IsSuccess)
        {
            return Problems.FromError(opened.Error);
        }

        var (view, content) = opened.Value;
        // Never rendered from this origin: an attachment, not sniffed, and sandboxed should a browser open it anyway.
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox";
        var served = Domain.Files.FileKinds.ServedType(Domain.Files.FileKinds.FromMediaType(view.ContentType));
        return Results.Stream(
            content, served, fileDownloadName: view.Name, entityTag: new EntityTagHeaderValue($"\"{view.Sha256}\""), enableRangeProcessing: true);
    }

    /// <summary>The server's limit on an upload's body: the file limit and a chunk's worth of slack (FileService counts exactly).</summary>
    private static long BodyLimitOf(ChatFileOptions options) => options.MaxBytes + options.ChunkBytes;

    /// <summary>A header's percent-encoded UTF-8 value, decoded; null when absent.</summary>
    private static string? Decoded(string? value) => value is null ? null : Uri.UnescapeDataString(value);

    // The user policy admits people only, so the caller is a user with a UPN.
    private static ChatCaller CallerOf(HttpContext context)
    {
        var caller = CallerIdentity.Of(context.User) ?? throw new InvalidOperationException("The file endpoints require the user policy.");
        return new ChatCaller(caller.Subject, caller.Upn!, ClientAddress.Of(context));
    }

    private static bool TryId(string text, out Guid id) => Guid.TryParseExact(text, "D", out id);
}
