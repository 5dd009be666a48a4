using System.Text.RegularExpressions;
using Outreach.Server.StaffConsole.Localization;

namespace Outreach.Server.Tests.StaffConsole;

public sealed partial class ConsoleTextTests
{
    private readonly ConsoleText text = new();

    [Fact]
    public void Every_entry_has_Chinese_and_English()
    {
        foreach (var key in text.Keys)
        {
            Assert.NotEqual(text.Get(key, "en"), text.Get(key, "zh-CN"));
        }
    }

    [Fact]
    public void Every_key_a_page_uses_is_in_the_dictionary()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "Server", "Console", "Pages");
        var used = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => UsedKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(used);
        Assert.Equal([], used.Where(key => !text.Keys.Contains(key)).ToList());
    }

    [Fact]
    public void An_unknown_key_shows_itself_rather_than_failing() => Assert.Equal("NoSuchKey", text.Get("NoSuchKey", "zh-CN"));

    [GeneratedRegex("""T(?:\.Format\(|\[)"([A-Za-z.]+)"[\],]""")]
    private static partial Regex UsedKey();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Outreach.slnx")))
        {
            folder = folder.Parent;
        }

        return folder!.FullName;
    }
}
