-- Every rejection names an observation of one of the raw seeds: a mistyped id would silently bring back the figure
-- a reviewer rejected, and nothing else would say so.
with

rejections as (
    select * from {{ ref('stg_reference__rejected_observations') }}
),

observations as (
    select observation_id from {{ ref('stg_customs__trade_observations') }}
    union all
    select observation_id from {{ ref('stg_caam__vehicle_observations') }}
    union all
    select observation_id from {{ ref('stg_industry__observations') }}
)

select
    rejections.observation_id,
    rejections.caught_by
from rejections
left join observations
    on rejections.observation_id = observations.observation_id
where observations.observation_id is null
