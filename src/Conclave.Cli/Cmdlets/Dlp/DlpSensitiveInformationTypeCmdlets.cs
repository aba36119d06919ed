using System.Text.Json;
using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Dlp;

internal sealed class GetDlpSensitiveInformationType : Cmdlet
{
    public override string Name => "Get-DlpSensitiveInformationType";

    public override string Synopsis => "Lists the sensitive information types rules can name, built in and custom (GET /api/admin/dlp/sensitive-types).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } = [];

    public override IReadOnlyList<string> TableColumns => ["name", "publisher", "pattern", "keywordProximity"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await DlpApi.SendAsync<IReadOnlyList<SensitiveInformationTypeView>>(api, HttpMethod.Get, "sensitive-types", null, cancellationToken));
}

internal sealed class NewDlpSensitiveInformationType : Cmdlet
{
    public override string Name => "New-DlpSensitiveInformationType";

    public override string Synopsis =>
        "Defines a custom sensitive information type: a regular expression, optionally confirmed by keywords near it (POST /api/admin/dlp/sensitive-types).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Name", "How rules name it, unique without regard to case.", mandatory: true, position: 0),
        CmdletParameter.String("Pattern", "A .NET regular expression (at most 512 characters; no backreferences or lookarounds).", mandatory: true),
        CmdletParameter.StringArray("Keywords", "When given, a match counts only with one of these words near it."),
        CmdletParameter.Int32("KeywordProximity", "Characters either side of a match where a keyword counts (default 300).", 1, 2000),
        CmdletParameter.Enum("Confidence", DlpApi.Confidences, "The confidence of every match (default High)."),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "publisher", "pattern", "keywords"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await DlpApi.SendAsync<SensitiveInformationTypeView>(api, HttpMethod.Post, "sensitive-types", new NewSensitiveInformationTypeRequest(
            arguments.RequireString("Name"), arguments.RequireString("Pattern"), arguments.GetStrings("Keywords"), arguments.GetInt32("KeywordProximity"),
            arguments.GetString("Confidence")), cancellationToken));
}

internal sealed class RemoveDlpSensitiveInformationType : Cmdlet
{
    public override string Name => "Remove-DlpSensitiveInformationType";

    public override string Synopsis => "Removes a custom sensitive information type no rule names (DELETE /api/admin/dlp/sensitive-types/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The custom type's name.", mandatory: true, position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var name = arguments.RequireString("Identity");
        await DlpApi.SendAsync<JsonElement>(api, HttpMethod.Delete, "sensitive-types/" + DlpApi.Segment(name), null, cancellationToken);
        return new CmdletResult(new { name, removed = true });
    }
}

internal sealed class TestDataClassification : Cmdlet
{
    public override string Name => "Test-DataClassification";

    public override string Synopsis =>
        "Shows which sensitive information types a text contains, with counts and masked excerpts; nothing is stored (POST /api/admin/dlp/classify).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("TextToClassify", "The text to look into.", mandatory: true, position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await DlpApi.SendAsync<DataClassificationResult>(api, HttpMethod.Post, "classify",
            new ClassifyTextRequest(arguments.RequireString("TextToClassify")), cancellationToken));
}
