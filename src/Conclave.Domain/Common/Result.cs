using System.Diagnostics.CodeAnalysis;

namespace Conclave.Domain.Common;

/// <summary>The outcome of a domain operation: a value or an <see cref="Error"/>, never both.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; reading it from a failed result is a bug and throws.</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"Result failed: {Error}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);

    public Result<T> ToResult() => this;
}
