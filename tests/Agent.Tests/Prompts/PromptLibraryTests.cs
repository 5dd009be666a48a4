using Microsoft.SemanticKernel;
using Outreach.Agent.Prompts;

namespace Outreach.Agent.Tests.Prompts;

public sealed class PromptLibraryTests
{
    [Theory]
    [InlineData("zh-CN", "400-123")]
    [InlineData("en", "400-123")]
    public async Task Renders_canned_texts_in_each_language(string language, string phone)
    {
        var library = PromptLibrary.Load(AgentTestFixtures.PromptsFolder);

        var help = await library.RenderAsync(CannedText.Help, language, new KernelArguments { ["street"] = "Yingfeng", ["office_phone"] = phone }, CancellationToken.None);

        Assert.Contains(phone, help, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_at_start_naming_the_missing_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "outreach-prompts-" + Guid.NewGuid().ToString("N"));
        CopyFolder(AgentTestFixtures.PromptsFolder, folder);
        File.Delete(Path.Combine(folder, "replies", "en", "opted-out.txt"));
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => PromptLibrary.Load(folder));

            Assert.Contains(Path.Combine("replies", "en", "opted-out.txt"), error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("en-GB", "en")]
    [InlineData("fr", "en")]
    public void Maps_a_language_tag_to_a_supported_language(string tag, string expected)
        => Assert.Equal(expected, PromptLibrary.LanguageFor(tag));

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
