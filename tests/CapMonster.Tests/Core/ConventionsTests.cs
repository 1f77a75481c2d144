using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CapMonster.Tests.Core
{
    /// <summary>
    /// Conventions the compiler cannot check. A module error is raised by a <see cref="ModuleErrorId"/>, so an id
    /// the code uses exists (the compiler) and has its catalog entry (ErrorCatalogTests holds the two lists to each
    /// other); what is left is an id, and its catalog entry, that nothing raises any more.
    /// </summary>
    public class ConventionsTests
    {
        private static readonly Regex UsedId = new(@"\bModuleErrorId\.(?<id>[A-Za-z]+)\b", RegexOptions.CultureInvariant);

        [Fact]
        public void Every_module_error_id_and_its_catalog_entry_is_raised_somewhere_in_the_module()
        {
            string sources = Path.Combine(RepositoryRoot(), "src", "Module");
            var used = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(sources, "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in UsedId.Matches(File.ReadAllText(file)))
                {
                    used.Add(match.Groups["id"].Value);
                }
            }

            IEnumerable<string> catalog = ErrorCatalog.Default.ModuleEntries.Select(e => e.Code).Order(StringComparer.Ordinal);
            Assert.Equal(catalog, used);
        }

        internal static string RepositoryRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CapMonster.psd1")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            return dir.FullName;
        }
    }
}
