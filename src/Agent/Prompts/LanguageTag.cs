using System.Text.RegularExpressions;

namespace Outreach.Agent.Prompts;

/// <summary>Checks that staff input names a language as a BCP-47 tag such as zh-CN or en.</summary>
public static partial class LanguageTag
{
    public static bool IsValid(string? tag) => tag is not null && Pattern().IsMatch(tag);

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex Pattern();
}
