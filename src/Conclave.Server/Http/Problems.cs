using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
namespace Conclave.Server.Http;

/// <summary>RFC 9457 problem details with Conclave's <c>code</c> extension member.</summary>
public static class Problems
{
    private static readonly object CodeKey = new();
    private static readonly object DetailKey = new();

    public static IResult FromError(Error error, string? field = null)
    {
        var status = error.Kind switch
        {
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.TooMany => StatusCodes.Status429TooManyRequests,
            ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (field is not null)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [error.Message] };
        }

        return Results.Problem(statusCode: status, detail: error.Message, extensions: extensions);
    }

    /// <summary>400 naming the offending field, e.g. <c>{ "errors": { "upn": ["..."] } }</c>.</summary>
    public static IResult Invalid(string field, string code, string message) =>
        FromError(new Error(code, message), field);

    public static IResult NotFound(string what) =>
        FromError(new Error(ErrorCodes.Request.NotFound, $"{what} was not found.", ErrorKind.NotFound));

    /// <summary>
    /// Names the <c>code</c> of the problem details the framework writes later for this request (e.g. the 403
    /// of an authorization policy), in place of <see cref="CodeForStatus"/>.
    /// </summary>
    public static void SetCode(HttpContext context, string code)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[CodeKey] = code;
    }

    /// <summary>
    /// Names the <c>detail</c> of the problem details the framework writes later for this request (e.g. which
    /// roles the refused endpoint needs), where the framework would write none.
    /// </summary>
    public static void SetDetail(HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[DetailKey] = detail;
    }

    /// <summary>The code set by <see cref="SetCode"/> for this request, else the one for the status.</summary>
    public static string CodeOf(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(CodeKey, out var code) && code is string text ? text : CodeForStatus(status);
    }

    /// <summary>
    /// Completes every problem details answer the server writes (<see cref="FromError"/>'s and the framework's):
    /// adds the <c>code</c> when none was set, hides a 5xx's detail (it stays in the server's log), and
    /// reports the code through <see cref="ErrorEmission"/>.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("exception");
        problem.Extensions.TryAdd("code", CodeOf(context.HttpContext, problem.Status ?? context.HttpContext.Response.StatusCode));
        if (problem.Detail is null && context.HttpContext.Items.TryGetValue(DetailKey, out var detail) && detail is string text)
        {
            problem.Detail = text;
        }

        if (problem.Status >= 500)
        {
            problem.Detail = "An internal error occurred.";
        }

        if (problem.Extensions.TryGetValue("code", out var code) && code is string codeText)
        {
            ErrorEmission.Report(codeText, ErrorChannel.ProblemDetails);
        }
    }

    /// <summary>The <c>code</c> for a bare status (framework-produced errors).</summary>
    public static string CodeForStatus(int status) => status switch
    {
        400 => ErrorCodes.Request.Malformed,
        401 => ErrorCodes.Auth.Unauthenticated,
        403 => ErrorCodes.Auth.Forbidden,
        404 => ErrorCodes.Request.NotFound,
        405 => ErrorCodes.Request.MethodNotAllowed,
        413 => ErrorCodes.Request.TooLarge,
        415 => ErrorCodes.Request.UnsupportedMediaType,
        429 => ErrorCodes.Request.Throttled,
        >= 500 => ErrorCodes.Server.Error,
        _ => ErrorCodes.Request.Failed,
    };
}
