using System.CommandLine;

namespace LipSyncGuard.Cli;

/// <summary>Options that take one of an enum's values as users type them: lower-case names in help
/// (<c>&lt;longest|largest|first|all&gt;</c>, <c>[default: longest]</c>) and a one-line error listing the choices, never a
/// .NET type name.</summary>
internal static class Choice
{
    /// <summary>An option for <typeparamref name="T"/>'s values with a default; read it with <see cref="Get{T}"/>.</summary>
    public static Option<string> Create<T>(string name, string description, T defaultValue) where T : struct, Enum
    {
        var option = Optional<T>(name, description);
        option.DefaultValueFactory = _ => Name(defaultValue);
        return option;
    }

    /// <summary>An option for <typeparamref name="T"/>'s values without a default (absent: whoever runs the work
    /// decides); read it with <see cref="Find{T}"/>.</summary>
    public static Option<string> Optional<T>(string name, string description) where T : struct, Enum
    {
        var names = Names<T>();
        var option = new Option<string>(name) { Description = description, HelpName = string.Join('|', names) };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !names.Contains(value.Trim().ToLowerInvariant()))
                result.AddError($"{name} '{value}' is not a choice: use one of {string.Join(", ", names)}");
        });
        return option;
    }

    /// <summary>The value of <paramref name="option"/> (validated at parse time).</summary>
    public static T Get<T>(ParseResult parse, Option<string> option) where T : struct, Enum =>
        Enum.Parse<T>(parse.GetValue(option)!.Trim(), ignoreCase: true);

    /// <summary>The value of an option without a default, or null when it was not given.</summary>
    public static T? Find<T>(ParseResult parse, Option<string> option) where T : struct, Enum =>
        parse.GetValue(option) is { } value ? Enum.Parse<T>(value.Trim(), ignoreCase: true) : null;

    private static string[] Names<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Name)];

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
