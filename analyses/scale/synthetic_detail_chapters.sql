-- The HS chapters the synthetic detailed data draw from (ctw.scale.synthetic_detail): 01-97 (77 is reserved), rank 0
-- the most traded: the chapters of the products the warehouse follows by HS code first, then a fixed shuffle.
with followed as (
    select distinct left(hs_code, 2) as hs_chapter
    from published.reference.ref_products
    where hs_code is not null
),

all_chapters as (
    select lpad(cast(chapter_numbers.chapter as varchar), 2, '0') as hs_chapter
    from range(1, 98) as chapter_numbers (chapter)
    where chapter_numbers.chapter <> 77
)

select
    all_chapters.hs_chapter,
    cast(row_number() over (
        order by followed.hs_chapter is null, hash(all_chapters.hs_chapter, 'chapter order')
    ) - 1 as integer) as chapter_rank
from all_chapters
left join followed on all_chapters.hs_chapter = followed.hs_chapter
