using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CapMonster.Tests.Core
{
    /// <summary>
    /// Conventions the compiler cannot check: every module error id the code raises is a catalog entry (a typo
    /// would otherwise fail only when that error happens), and every catalog entry is raised somewhere.
    /// </summary>
    public class ConventionsTests
    {
        // The id is the first argument of CapMonsterException.FromModuleError, or of the task builder's Error helper.
        private static readonly Regex RaisedId = new(@"\b(?:FromModuleError|Error)\(\s*""(?<id>[A-Za-z]+)""", RegexOptions.CultureInvariant);

        [Fact]
        public void Every_module_error_id_the_code_raises_is_in_the_catalog_and_every_entry_is_raised()
        {
            string sources = Path.Combine(RepositoryRoot(), "src", "Module");
            var raised = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(sources, "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in RaisedId.Matches(File.ReadAllText(file)))
                {
                    raised.Add(match.Groups["id"].Value);
                }
            }

            Assert.NotEmpty(raised);
            IEnumerable<string> catalog = ErrorCatalog.Default.ModuleEntries.Select(e => e.Code).Order(StringComparer.Ordinal);
            Assert.Equal(catalog, raised);
        }

        private static string RepositoryRoot()
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
