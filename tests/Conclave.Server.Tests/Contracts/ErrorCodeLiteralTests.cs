using System.Text.RegularExpressions;
using Conclave.Contracts.Errors;

namespace Conclave.Server.Tests.Contracts;

/// <summary>
/// Error codes are named from Conclave.Contracts, never written inline: a string literal in src/ outside it that
/// is a cataloged code, or has a code's shape in one of the code areas, is an inline code.
/// </summary>
public sealed partial class ErrorCodeLiteralTests
{
    /// <summary>Literals that look like codes and are something else (audit action and trace names), with the file that holds each.</summary>
    private static readonly HashSet<(string File, string Literal)> NotCodes =
    [
        ("CallAuditActions.cs", "call.placed"),
        ("CallAuditActions.cs", "call.answered"),
        ("CallAuditActions.cs", "call.ended"),
        ("CallAuditActions.cs", "call.refused"),
        ("CallAuditActions.cs", "call.feature"),
        ("AuditActions.cs", "server.bootstrap"),
        ("CallTelemetry.cs", "call.setup"),
        ("CallTelemetry.cs", "media.leg_connected"),
        ("CallTelemetry.cs", "media.connected"),
        ("PolicyTelemetry.cs", "policy.change"),
        ("ChatAuditActions.cs", "chat.create"),
        ("ChatService.Content.cs", "chat.message"),
        ("FileService.cs", "chat.file"),
    ];

    [GeneratedRegex(@"""([a-z]+(?:\.[a-z0-9_]+)+)""")]
    private static partial Regex DottedLiteral();

    [GeneratedRegex(@"^(request|server|auth|directory|policy|call|media|relay|client|chat|file)\.[a-z0-9_]+$")]
    private static partial Regex CodeShape();

    [Fact]
    public void Sources_OutsideContracts_HoldNoInlineErrorCode()
    {
        var src = Path.Combine(RepositoryFolder.Root, "src");
        var cataloged = ErrorCodes.All.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.StartsWith("Conclave.Contracts/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)
                || relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/Migrations/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in DottedLiteral().Matches(File.ReadAllText(file)))
            {
                var literal = match.Groups[1].Value;
                if ((cataloged.Contains(literal) || CodeShape().IsMatch(literal)) && !NotCodes.Contains((Path.GetFileName(file), literal)))
                {
                    found.Add($"{relative}: \"{literal}\"");
                }
            }
        }

        Assert.Empty(found);
    }

    [Fact]
    public void Scan_FindsAnInlineCode()
    {
        // The scan itself must be able to fail: a code written inline matches.
        const string source = "return new Error(\"call.busy\", \"…\");";
        var literal = DottedLiteral().Match(source).Groups[1].Value;
        Assert.Matches(CodeShape(), literal);
    }
}
